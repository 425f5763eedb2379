/** Thresholds 0.01..1.00 in steps of 0.01, as in fmax.py (a score below 0.01 is never predicted). */
const STEPS = 100;

export interface FmaxPoint {
  fmax: number;
  threshold: number;
  precision: number;
  recall: number;
  coverage: number;
}

/**
 * fmax.py's fmax(): protein-centric precision averaged over proteins with at least one term at or above the
 * threshold, recall averaged over ALL truth proteins (a protein with no prediction scores 0), F = 2pr/(p+r).
 * A score maps to the highest threshold it passes as floor(score * 100 + 1e-9), so 0.29 counts at 0.29 despite
 * 0.29 * 100 being 28.999…; scores above 1 count at 1.00. The first threshold reaching the maximum wins; when F is
 * 0 everywhere the result is all zeros with threshold 0. Sums run in truth order so the floats match fmax.py's.
 * `pred` and `truth` are already propagated; every truth set is non-empty.
 */
export function fmaxSweep(pred: ReadonlyMap<string, ReadonlyMap<string, number>>, truth: ReadonlyMap<string, ReadonlySet<string>>): FmaxPoint {
  const n = truth.size;
  const precSum = new Float64Array(STEPS + 1);
  const recSum = new Float64Array(STEPS + 1);
  const covered = new Int32Array(STEPS + 1);
  for (const [acc, T] of truth) {
    const P = pred.get(acc);
    if (!P || P.size === 0) continue;
    // Terms bucketed by the highest threshold index they pass; suffix sums then give counts at score >= k/100.
    const npred = new Int32Array(STEPS + 1);
    const ntp = new Int32Array(STEPS + 1);
    for (const [t, s] of P) {
      const k = Math.min(Math.trunc(s * STEPS + 1e-9), STEPS);
      if (k < 1) continue;
      npred[k]! += 1;
      if (T.has(t)) ntp[k]! += 1;
    }
    let cp = 0;
    let ct = 0;
    for (let k = STEPS; k >= 1; k--) {
      cp += npred[k]!;
      ct += ntp[k]!;
      if (cp === 0) continue;
      precSum[k]! += ct / cp;
      recSum[k]! += ct / T.size;
      covered[k]! += 1;
    }
  }
  let best: FmaxPoint = { fmax: 0, threshold: 0, precision: 0, recall: 0, coverage: 0 };
  for (let k = 1; k <= STEPS; k++) {
    const m = covered[k]!;
    const p = m ? precSum[k]! / m : 0;
    const r = n ? recSum[k]! / n : 0;
    const f = p + r > 0 ? (2 * p * r) / (p + r) : 0;
    if (f > best.fmax) best = { fmax: f, threshold: k / STEPS, precision: p, recall: r, coverage: n ? m / n : 0 };
  }
  return best;
}
