/**
 * Normalised mutual information between two labelings of the same points, with the arithmetic-mean
 * normalisation (scikit-learn's default): NMI = I(a; b) / ((H(a) + H(b)) / 2). Noise (−1) counts as its own
 * label, as in adjustedRandIndex. Two trivial labelings (one group each) score 1.
 */
export function normalizedMutualInfo(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`normalizedMutualInfo: labelings differ in length (${a.length} vs ${b.length})`);
  const n = a.length;
  if (n === 0) return 1;
  const joint = new Map<string, number>();
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = `${a[i]}|${b[i]}`;
    joint.set(key, (joint.get(key) ?? 0) + 1);
    rows.set(a[i]!, (rows.get(a[i]!) ?? 0) + 1);
    cols.set(b[i]!, (cols.get(b[i]!) ?? 0) + 1);
  }
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
