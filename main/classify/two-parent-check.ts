import { Aligner, scoringFor } from '../align/index.ts';
import { chimeraOf, type Chimera, type ChimeraSettings } from './chimera-check.ts';

/** Read bases a reference may fall short of at either end and still count as covering the read. */
const SLACK = 10;

/**
 * Whether two references are one taxon at the deepest rank both are labelled at (`codes[rank][reference]`, −1 where
 * unlabelled): two candidates of one taxon are variation within it, not two parents.
 */
export function relatedReferences(codes: readonly Int32Array[]): (a: number, b: number) => boolean {
  return (a, b) => {
    for (let r = codes.length - 1; r >= 0; r -= 1) {
      const ca = codes[r]![a]!;
      const cb = codes[r]![b]!;
      if (ca >= 0 && cb >= 0) return ca === cb;
    }
    return false;
  };
}

/**
 * Aligns a read to each of its candidate parents and applies the two-parent model (chimeraOf): the costly step of
 * the chimera check, one instance per thread (see ChimeraPool).
 */
export class TwoParentCheck {
  private readonly aligner = new Aligner(scoringFor('dna'));
  private readonly related: (a: number, b: number) => boolean;

  constructor(
    /** The reference sequence of a candidate index. */
    private readonly sequenceOf: (index: number) => string,
    codes: readonly Int32Array[],
    private readonly settings: ChimeraSettings,
  ) {
    this.related = relatedReferences(codes);
  }

  /**
   * The read's chimera, if it is one. Candidates are aligned in turn, the nearest first: once one matches more than
   * 1 − minGain of the read, no pair can beat it by minGain (a known read's nearest reference usually does), so the
   * rest are not aligned.
   */
  check(sequence: string, candidates: readonly number[]): Chimera | null {
    const marks: Uint8Array[] = [];
    const whole: boolean[] = [];
    for (const index of candidates) {
      const target = this.sequenceOf(index);
      const found = this.aligner.matches(sequence, target, 'local');
      const matched = Uint8Array.from(found.marks);
      if (matched.reduce((sum, mark) => sum + mark, 0) > (1 - this.settings.minGain) * sequence.length) return null;
      marks.push(matched);
      // A reference that ends inside the read (a partial sequence) leaves the rest of the read unmatched without
      // differing from it: two such references would pass for the parents of any read they overlap.
      const endsEarly = (found.targetFirst === 1 && found.queryFirst > SLACK) || (found.targetLast === target.length && sequence.length - found.queryLast > SLACK);
      whole.push(!endsEarly);
    }
    return chimeraOf(marks, sequence.length, this.settings, (a, b) => whole[a]! && whole[b]! && !this.related(candidates[a]!, candidates[b]!));
  }
}
