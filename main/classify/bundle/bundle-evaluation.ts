import type { RankCall } from '../read-assignment.ts';

/** How one rank of the head did on the held-out part of the reference. */
export interface RankEvaluation {
  rank: string;
  /** Held-out references labelled at this rank: the denominator of accuracy and recall. */
  heldOut: number;
  /** Of those, references whose taxon here has no member in the training part (no right call is possible). */
  absentFromTraining: number;
  minConfidence: number;
  temperature: number;
  /** Right calls with every read given its full top-down lineage (no threshold). */
  accuracy: number;
  /** Calls at or above the rank's threshold (with every rank above also assigned). */
  assigned: number;
  /** Right assigned calls over assigned calls; null when nothing was assigned. */
  precision: number | null;
  /** Right assigned calls over all held-out references of the rank. */
  recall: number;
  f1: number;
  /** Expected calibration error of the rank's confidence, 10 equal-width bins, over every call. */
  ece: number;
}

export interface BundleEvaluation {
  /** References the evaluation heads were trained on and scored on. */
  trainingRecords: number;
  heldOutRecords: number;
  ranks: RankEvaluation[];
}

export const ECE_BINS = 10;

/** Σ over bins of (share of calls in the bin) × |mean confidence − share right|. */
export function expectedCalibrationError(calls: readonly { confidence: number; right: boolean }[], bins = ECE_BINS): number {
  const sums = Array.from({ length: bins }, () => ({ n: 0, confidence: 0, right: 0 }));
  for (const call of calls) {
    const bin = sums[Math.min(bins - 1, Math.floor(call.confidence * bins))]!;
    bin.n += 1;
    bin.confidence += call.confidence;
    if (call.right) bin.right += 1;
  }
  return sums.reduce((sum, b) => sum + (b.n > 0 ? (b.n / calls.length) * Math.abs(b.confidence - b.right) / b.n : 0), 0);
}

/** A held-out reference: its calls and, per rank, its true taxon's lineage key (null where it is unlabelled). */
export interface HeldOutCalls {
  calls: RankCall[];
  /** Per rank: whether the call at that rank (if any) names the true taxon; null where the reference has no label. */
  right: (boolean | null)[];
  /** Per rank: whether the true taxon has members in the training part. */
  known: boolean[];
}

/** Per-rank scores of the held-out calls at each rank's threshold; `temperatures` are only echoed. */
export function evaluateHeldOut(ranks: readonly string[], minConfidence: readonly number[], temperatures: readonly number[], heldOut: readonly HeldOutCalls[], trainingRecords: number): BundleEvaluation {
  const evaluations = ranks.map((rank, r): RankEvaluation => {
    let n = 0;
    let absent = 0;
    let right = 0;
    let assigned = 0;
    let rightAssigned = 0;
    const scored: { confidence: number; right: boolean }[] = [];
    for (const read of heldOut) {
      const truth = read.right[r];
      if (truth === null || truth === undefined) continue;
      n += 1;
      if (!read.known[r]) absent += 1;
      const call = read.calls[r];
      if (!call) continue;
      scored.push({ confidence: call.confidence, right: truth });
      if (truth) right += 1;
      // Assigned here only when every rank above is assigned too: a lineage stops at its first unassigned rank.
      const isAssigned = read.calls.slice(0, r + 1).every((c, k) => c.confidence >= minConfidence[k]!);
      if (isAssigned) {
        assigned += 1;
        if (truth) rightAssigned += 1;
      }
    }
    const precision = assigned > 0 ? rightAssigned / assigned : null;
    const recall = n > 0 ? rightAssigned / n : 0;
    const f1 = precision !== null && precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return {
      rank, heldOut: n, absentFromTraining: absent, minConfidence: minConfidence[r]!, temperature: temperatures[r]!,
      accuracy: n > 0 ? right / n : 0, assigned, precision, recall, f1, ece: expectedCalibrationError(scored),
    };
  });
  return { trainingRecords, heldOutRecords: heldOut.length, ranks: evaluations };
}
