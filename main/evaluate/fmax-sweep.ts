/** Thresholds 0.01..1.00 in steps of 0.01, as in fmax.py (a score below 0.01 is never predicted). */
export const FMAX_STEPS = 100;

export interface FmaxPoint {
  fmax: number;
  threshold: number;
  precision: number;
  recall: number;
  coverage: number;
}

/** One protein's counts at every threshold index k (1..100): terms predicted at score >= k/100, and how many are true. */
export interface ProteinCounts {
  predicted: Int32Array;
  correct: Int32Array;
  /** Size of the protein's (propagated) truth set. */
  truthSize: number;
}

/**
 * A protein's predicted and correct counts per threshold. A score maps to the highest threshold it passes as
 * floor(score * 100 + 1e-9), so 0.29 counts at 0.29 despite 0.29 * 100 being 28.999…; scores above 1 count at 1.00.
 */
export function proteinCounts(P: ReadonlyMap<string, number> | undefined, T: ReadonlySet<string>): ProteinCounts {
  const predicted = new Int32Array(FMAX_STEPS + 1);
  const correct = new Int32Array(FMAX_STEPS + 1);
  if (P) {
    // Terms bucketed by the highest threshold index they pass; suffix sums then give counts at score >= k/100.
    for (const [t, s] of P) {
      const k = Math.min(Math.trunc(s * FMAX_STEPS + 1e-9), FMAX_STEPS);
      if (k < 1) continue;
      predicted[k]! += 1;
      if (T.has(t)) correct[k]! += 1;
    }
    for (let k = FMAX_STEPS - 1; k >= 1; k--) {
      predicted[k]! += predicted[k + 1]!;
      correct[k]! += correct[k + 1]!;
    }
  }
  return { predicted, correct, truthSize: T.size };
}

/**
 * fmax.py's fmax() over counted proteins, streamed (a protein listed twice, as in a bootstrap resample, counts twice):
 * protein-centric precision averaged over proteins with at least one term at or above the threshold, recall averaged
 * over ALL of them (a protein with no prediction scores 0), F = 2pr/(p+r). The first threshold reaching the maximum
 * wins; when F is 0 everywhere the result is all zeros with threshold 0. Sums run in list order, so in truth order the
 * floats match fmax.py's. Also returns how many proteins were counted.
 */
export function fmaxOf(proteins: Iterable<ProteinCounts>): FmaxPoint & { proteins: number } {
  let n = 0;
  const precSum = new Float64Array(FMAX_STEPS + 1);
  const recSum = new Float64Array(FMAX_STEPS + 1);
  const covered = new Int32Array(FMAX_STEPS + 1);
  for (const { predicted, correct, truthSize } of proteins) {
    n += 1;
    for (let k = FMAX_STEPS; k >= 1; k--) {
      const cp = predicted[k]!;
      if (cp === 0) continue;
      precSum[k]! += correct[k]! / cp;
      recSum[k]! += correct[k]! / truthSize;
      covered[k]! += 1;
    }
  }
  let best: FmaxPoint = { fmax: 0, threshold: 0, precision: 0, recall: 0, coverage: 0 };
  for (let k = 1; k <= FMAX_STEPS; k++) {
    const m = covered[k]!;
    const p = m ? precSum[k]! / m : 0;
    const r = n ? recSum[k]! / n : 0;
    const f = p + r > 0 ? (2 * p * r) / (p + r) : 0;
    if (f > best.fmax) best = { fmax: f, threshold: k / FMAX_STEPS, precision: p, recall: r, coverage: n ? m / n : 0 };
  }
  return { ...best, proteins: n };
}
