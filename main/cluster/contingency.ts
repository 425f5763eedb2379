/** Counts of two labelings of the same points: per pair of labels (`a|b`), and per label of each side. */
export interface Contingency {
  joint: Map<string, number>;
  rows: Map<number, number>;
  cols: Map<number, number>;
}

/** The contingency table both pair-counting (ARI) and information (NMI) comparisons of labelings start from. */
export function contingency(a: ArrayLike<number>, b: ArrayLike<number>, measure: string): Contingency {
  if (a.length !== b.length) throw new RangeError(`${measure}: labelings differ in length (${a.length} vs ${b.length})`);
  const joint = new Map<string, number>();
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const key = `${a[i]}|${b[i]}`;
    joint.set(key, (joint.get(key) ?? 0) + 1);
    rows.set(a[i]!, (rows.get(a[i]!) ?? 0) + 1);
    cols.set(b[i]!, (cols.get(b[i]!) ?? 0) + 1);
  }
  return { joint, rows, cols };
}
