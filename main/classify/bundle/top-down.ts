import type { RankCall } from '../read-assignment.ts';

/** One class of a rank's head: its own name, its parent class one rank up (-1 at the top) and its lineage. */
export interface HeadClass {
  name: string;
  parent: number;
  /** Names from the top rank down to this class, `; `-separated (a lineage line as references carry it). */
  lineage: string;
}

/** The label map of a bundle: per rank (top-down), the classes of that rank's head, in output order. */
export interface HeadLabels {
  ranks: string[];
  classes: HeadClass[][];
}

/**
 * The hierarchy rule. The heads are trained per rank independently, so their winners may disagree; a read's
 * lineage is made consistent top-down: the top rank takes its most probable class, and every rank below takes the
 * most probable class among the children of the class chosen above (scores are logits or probabilities: the
 * ranking is the same). A chosen class with no children at the next rank (lineages that stop there) ends the calls.
 * `scores[r]` is rank r's row for this read; returns the chosen class per rank, as many as were chosen.
 */
export function chooseTopDown(labels: HeadLabels, scores: readonly ArrayLike<number>[]): number[] {
  const chosen: number[] = [];
  let parent = -1;
  for (let r = 0; r < labels.ranks.length; r += 1) {
    let best = -1;
    labels.classes[r]!.forEach((cls, c) => {
      if (cls.parent === parent && (best < 0 || scores[r]![c]! > scores[r]![best]!)) best = c;
    });
    if (best < 0) break;
    chosen.push(best);
    parent = best;
  }
  return chosen;
}

/**
 * Calls of one read from its calibrated probabilities per rank: the top-down choice, each with its own rank's
 * probability, capped by the confidence above it so that confidence never rises down the ranks (a genus cannot
 * be surer than its family), as the k-NN classifier's calls are.
 */
export function topDownCalls(labels: HeadLabels, probabilities: readonly ArrayLike<number>[]): RankCall[] {
  let ceiling = 1;
  return chooseTopDown(labels, probabilities).map((c, r) => {
    ceiling = Math.min(ceiling, probabilities[r]![c]!);
    return { rank: labels.ranks[r]!, name: labels.classes[r]![c]!.name, confidence: ceiling };
  });
}
