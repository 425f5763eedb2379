import { squaredPivotLowerBound, type PivotTable } from './pivot-table.ts';
import type { SpanningTree } from './spanning-tree.ts';
import { squaredDistance } from './squared-distance.ts';

/**
 * Prim's algorithm on the complete mutual-reachability graph, O(n²) time and O(n) memory:
 * distances are computed on the fly, never stored as a matrix. `coreSq` is indexed by point id.
 * A distance is only computed when max(core(a), core(b)) could still improve b's best edge,
 * because d_mreach can never be below either core distance, and only when the pivot lower bound on
 * d(a, b) could improve it too.
 */
export function primMutualReachabilityMst(points: Float64Array, n: number, dim: number, coreSq: Float64Array, pivots: PivotTable): SpanningTree {
  const edges = Math.max(0, n - 1);
  const from = new Int32Array(edges);
  const to = new Int32Array(edges);
  const weight = new Float64Array(edges);
  if (n < 2) return { from, to, weight };
  // Vertices not yet in the tree live in remaining[0..count), so each sweep touches only those.
  const remaining = new Int32Array(n - 1);
  for (let i = 0; i < n - 1; i++) remaining[i] = i + 1;
  let count = n - 1;
  const best = new Float64Array(n).fill(Infinity);
  const bestFrom = new Int32Array(n);
  let current = 0;
  for (let e = 0; e < edges; e++) {
    const coreCurrent = coreSq[current]!;
    let nextSlot = -1;
    let nextBest = Infinity;
    for (let s = 0; s < count; s++) {
      const j = remaining[s]!;
      let bound = coreSq[j]!;
      if (coreCurrent > bound) bound = coreCurrent;
      if (bound < best[j]! && squaredPivotLowerBound(pivots, current, j) < best[j]!) {
        const d = squaredDistance(points, current, points, j, dim);
        const m = d > bound ? d : bound;
        if (m < best[j]!) { best[j] = m; bestFrom[j] = current; }
      }
      if (best[j]! < nextBest || nextSlot < 0) { nextBest = best[j]!; nextSlot = s; }
    }
    const next = remaining[nextSlot]!;
    remaining[nextSlot] = remaining[count - 1]!;
    count--;
    from[e] = bestFrom[next]!;
    to[e] = next;
    weight[e] = Math.sqrt(nextBest);
    current = next;
  }
  return { from, to, weight };
}
