import type { RankCall } from './read-assignment.ts';

/** What the strand choice looks at in a classifier's answer for one strand of a read. */
interface StrandAnswer {
  calls: RankCall[];
  /** To the nearest reference, or a bundle's nearest centroid; null: nothing to be near. */
  bestDistance: number | null;
}

/**
 * The read's reverse complement when the classifier both names it with more confidence (the larger sum of calibrated
 * confidences over the ranks, i.e. more ranks expected right) and finds it nearer; else the read as written. Each
 * condition alone flips reads it should not. Nearness alone: a k-mer embedding of a sequence's reverse complement
 * lands in a nondescript middle that can be nearer to the references than a read of another marker is (18S reads
 * against a 16S reference: median distance 0.60 reversed, 0.80 as written), though every confidence there is 0.
 * Confidence alone: a bundle's softmax head can be sure of itself on a vector unlike anything it was trained on (a
 * Gemmatimonas read's reverse complement was named Archaea).
 */
export function likelierStrand<T extends StrandAnswer>(forward: T, reverse: T | undefined): T & { reversed: boolean } {
  const expectedRight = (answer: T) => answer.calls.reduce((sum, call) => sum + call.confidence, 0);
  const distance = (answer: T) => answer.bestDistance ?? Number.POSITIVE_INFINITY;
  const flip = reverse !== undefined && expectedRight(reverse) > expectedRight(forward) && distance(reverse) < distance(forward);
  return flip ? { ...reverse, reversed: true } : { ...forward, reversed: false };
}
