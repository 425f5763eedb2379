import { squaredDistanceToBox, type KdTree } from './kd-tree.ts';
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
 * Squared core distances by exhaustive comparison, indexed by point id. Each pair is measured once
 * and offered to both points' heaps; rows are walked in blocks so a block stays in cache.
 */
export function squaredCoreDistancesBruteForce(points: Float32Array, n: number, dim: number, minSamples: number): Float64Array {
  const k = Math.min(minSamples, n);
  const core = new Float64Array(n);
  if (k <= 1) return core;
  // Self is the first neighbour at distance 0; heaps keep the other k-1.
  const m = k - 1;
  const heaps = new Float64Array(n * m).fill(Infinity);
  const BLOCK = 256;
  for (let ib = 0; ib < n; ib += BLOCK) {
    const iEnd = Math.min(n, ib + BLOCK);
    for (let jb = ib; jb < n; jb += BLOCK) {
      const jEnd = Math.min(n, jb + BLOCK);
      for (let i = ib; i < iEnd; i++) {
        for (let j = jb === ib ? i + 1 : jb; j < jEnd; j++) {
          const d = squaredDistance(points, i, points, j, dim);
          offer(heaps, i * m, m, d);
          offer(heaps, j * m, m, d);
        }
      }
    }
  }
  for (let i = 0; i < n; i++) core[i] = heaps[i * m]!;
  return core;
}
