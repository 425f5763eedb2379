import { contingency } from './contingency.ts';

/** Adjusted Rand index (Hubert & Arabie 1985) between two labelings of the same points; noise (−1) counts as its own label. */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const { joint, rows, cols } = contingency(a, b, 'adjustedRandIndex');
  const n = a.length;
  const pairs = (x: number): number => (x * (x - 1)) / 2;
  let index = 0;
  for (const c of joint.values()) index += pairs(c);
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
