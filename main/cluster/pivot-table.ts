import { squaredDistance } from './squared-distance.ts';

/**
 * Distances from every point to a few pivot points (LAESA). By the triangle inequality
 * d(a, b) ≥ |d(a, p) − d(b, p)| for every pivot p, so the table gives a lower bound on a distance
 * for `count` operations instead of `dim`, which lets exhaustive high-dimensional searches skip
 * most exact distance computations on clustered data.
 */
export interface PivotTable {
  readonly count: number;
  /** n × count, row-major: distance (not squared) from point i to pivot p. */
  readonly distances: Float64Array;
}

const PIVOTS = 8;

/** Pivots are chosen by farthest-first traversal from point 0, so they spread over the data deterministically. */
export function buildPivotTable(points: Float64Array, n: number, dim: number): PivotTable {
  const count = Math.min(PIVOTS, n);
  const distances = new Float64Array(n * count);
  const nearestPivot = new Float64Array(n).fill(Infinity);
  let pivot = 0;
  for (let p = 0; p < count; p++) {
    let farthest = 0;
    for (let i = 0; i < n; i++) {
      const d = Math.sqrt(squaredDistance(points, i, points, pivot, dim));
      distances[i * count + p] = d;
      if (d < nearestPivot[i]!) nearestPivot[i] = d;
      if (nearestPivot[i]! > nearestPivot[farthest]!) farthest = i;
    }
    pivot = farthest;
  }
  return { count, distances };
}

/** Squared lower bound on d(a, b) from the pivot table. */
export function squaredPivotLowerBound(table: PivotTable, a: number, b: number): number {
  const m = table.count;
  const t = table.distances;
  let bound = 0;
  for (let p = 0, ia = a * m, ib = b * m; p < m; p++, ia++, ib++) {
    const gap = Math.abs(t[ia]! - t[ib]!);
    if (gap > bound) bound = gap;
  }
  return bound * bound;
}
