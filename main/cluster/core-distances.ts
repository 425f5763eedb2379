import { squaredDistanceToBox, type KdTree } from './kd-tree.ts';
import { squaredPivotLowerBound, type PivotTable } from './pivot-table.ts';
import { squaredDistance } from './squared-distance.ts';

/*
 * Core distance convention (same as the reference hdbscan package, which queries k = minSamples
 * neighbours including the query point itself): core(p) is the distance to the minSamples-th
 * nearest point when p itself counts as the first. So minSamples = 1 gives core = 0.
 * All functions here return SQUARED core distances, because the MST search compares squared values.
 */

/**
 * Bounded max-heaps, one per query, stored flat: heaps[q*k .. q*k+k) with the largest at slot 0.
 * Starts full of +Infinity so "offer" needs no size bookkeeping.
 */
function offer(heaps: Float64Array, base: number, k: number, value: number): void {
  if (value >= heaps[base]!) return;
  // Sift the new value down from the root, replacing the current maximum.
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= k) break;
    const r = l + 1;
    let c = l;
    if (r < k && heaps[base + r]! > heaps[base + l]!) c = r;
    if (heaps[base + c]! <= value) break;
    heaps[base + i] = heaps[base + c]!;
    i = c;
  }
  heaps[base + i] = value;
}

/** Squared core distances by k-d tree search, indexed by TREE POSITION (not original point id). */
export function squaredCoreDistancesKdTree(tree: KdTree, minSamples: number): Float64Array {
  const n = tree.n;
  const k = Math.min(minSamples, n);
  const core = new Float64Array(n);
  if (k <= 1) return core;
  const heap = new Float64Array(k);
  const dim = tree.dim;
  const data = tree.data;
  const search = (q: number, node: number): void => {
    if (squaredDistanceToBox(tree, q, node) >= heap[0]!) return;
    if (tree.nodeIsLeaf[node]) {
      for (let p = tree.nodeStart[node]!, end = tree.nodeEnd[node]!; p < end; p++) {
        offer(heap, 0, k, squaredDistance(data, q, data, p, dim));
      }
      return;
    }
    const left = 2 * node + 1;
    const right = left + 1;
    const dl = squaredDistanceToBox(tree, q, left);
    const dr = squaredDistanceToBox(tree, q, right);
    if (dl <= dr) { search(q, left); search(q, right); } else { search(q, right); search(q, left); }
  };
  for (let q = 0; q < n; q++) {
    heap.fill(Infinity);
    search(q, 0);
    core[q] = heap[0]!;
  }
  return core;
}

/**
 * Squared core distances by exhaustive search for high dimensions, indexed by point id.
 * Points are scanned in order of their distance to the first pivot, outward from the query, and a
 * direction stops once that 1-D gap alone exceeds the current k-th distance; the other pivots
 * filter the remaining candidates before an exact distance is computed.
 */
export function squaredCoreDistancesExhaustive(points: Float64Array, n: number, dim: number, minSamples: number, pivots: PivotTable): Float64Array {
  const k = Math.min(minSamples, n);
  const core = new Float64Array(n);
  if (k <= 1) return core;
  // Self is the first neighbour at distance 0; the heap keeps the other k-1.
  const m = k - 1;
  const heap = new Float64Array(m);
  const stride = pivots.count;
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) key[i] = pivots.distances[i * stride]!;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => key[a]! - key[b]! || a - b);
  const consider = (i: number, j: number): void => {
    if (squaredPivotLowerBound(pivots, i, j) >= heap[0]!) return;
    offer(heap, 0, m, squaredDistance(points, i, points, j, dim));
  };
  for (let pos = 0; pos < n; pos++) {
    const i = order[pos]!;
    const ki = key[i]!;
    heap.fill(Infinity);
    let up = pos + 1;
    let down = pos - 1;
    // Alternate directions, always taking the candidate nearer on the pivot axis.
    while (up < n || down >= 0) {
      const gapUp = up < n ? key[order[up]!]! - ki : Infinity;
      const gapDown = down >= 0 ? ki - key[order[down]!]! : Infinity;
      const gap = gapUp < gapDown ? gapUp : gapDown;
      if (gap * gap >= heap[0]!) break;
      if (gapUp < gapDown) consider(i, order[up++]!);
      else consider(i, order[down--]!);
    }
    core[i] = heap[0]!;
  }
  return core;
}
