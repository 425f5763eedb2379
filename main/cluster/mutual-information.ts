import { contingency } from './contingency.ts';

/**
 * Normalised mutual information between two labelings of the same points, with the arithmetic-mean
 * normalisation (scikit-learn's default): NMI = I(a; b) / ((H(a) + H(b)) / 2). Noise (−1) counts as its own
 * label, as in adjustedRandIndex. Two trivial labelings (one group each) score 1.
 */
export function normalizedMutualInfo(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const { joint, rows, cols } = contingency(a, b, 'normalizedMutualInfo');
  const n = a.length;
  if (n === 0) return 1;
  const entropy = (counts: Map<number, number>) => {
    let h = 0;
    for (const c of counts.values()) h -= (c / n) * Math.log(c / n);
    return h;
  };
  const ha = entropy(rows);
  const hb = entropy(cols);
  if (ha === 0 && hb === 0) return 1;
  let mi = 0;
  for (const [key, c] of joint) {
    const [x, y] = key.split('|').map(Number) as [number, number];
    mi += (c / n) * Math.log((c * n) / (rows.get(x)! * cols.get(y)!));
  }
  return Math.max(0, mi / ((ha + hb) / 2));
}
