/** Adjusted Rand index (Hubert & Arabie 1985) between two labelings of the same points; noise (−1) counts as its own label. */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`adjustedRandIndex: labelings differ in length (${a.length} vs ${b.length})`);
  const n = a.length;
  const pairs = (x: number): number => (x * (x - 1)) / 2;
  const contingency = new Map<string, number>();
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = `${a[i]}|${b[i]}`;
    contingency.set(key, (contingency.get(key) ?? 0) + 1);
    rows.set(a[i]!, (rows.get(a[i]!) ?? 0) + 1);
    cols.set(b[i]!, (cols.get(b[i]!) ?? 0) + 1);
  }
  let index = 0;
  for (const c of contingency.values()) index += pairs(c);
  let sumRows = 0;
  for (const c of rows.values()) sumRows += pairs(c);
  let sumCols = 0;
  for (const c of cols.values()) sumCols += pairs(c);
  const expected = (sumRows * sumCols) / pairs(n);
  const maximum = (sumRows + sumCols) / 2;
  // Both labelings trivial (one group each, or all singletons): identical partitions by definition.
  if (maximum === expected) return 1;
  return (index - expected) / (maximum - expected);
}
