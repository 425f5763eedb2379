import { squaredDistanceToBox, type KdTree } from './kd-tree.ts';
import type { SpanningTree } from './spanning-tree.ts';
import { squaredDistance } from './squared-distance.ts';
import { UnionFind } from './union-find.ts';

/**
 * Borůvka's algorithm on the mutual-reachability graph, using the k-d tree to find each component's
 * cheapest outgoing edge (McInnes & Healy 2017). Work is in tree positions and squared distances;
 * `coreSq` is indexed by tree position. Pruning rules, all valid because d_mreach ≥ each core distance:
 *  - a node whose points all belong to the query's component is skipped;
 *  - a node is skipped when max(box distance, its smallest core, the query's core) cannot beat
 *    the best edge already found for the query's component;
 *  - a query whose own core distance cannot beat that best is skipped entirely.
 */
export function boruvkaMutualReachabilityMst(tree: KdTree, coreSq: Float64Array): SpanningTree {
  const n = tree.n;
  const dim = tree.dim;
  const data = tree.data;
  const edges = Math.max(0, n - 1);
  const from = new Int32Array(edges);
  const to = new Int32Array(edges);
  const weight = new Float64Array(edges);
  if (n < 2) return { from, to, weight };

  const nodeCount = tree.nodeCount;
  const nodeMinCore = new Float64Array(nodeCount);
  for (let node = nodeCount - 1; node >= 0; node--) {
    if (tree.nodeIsLeaf[node]) {
      let m = Infinity;
      for (let p = tree.nodeStart[node]!; p < tree.nodeEnd[node]!; p++) if (coreSq[p]! < m) m = coreSq[p]!;
      nodeMinCore[node] = m;
    } else {
      nodeMinCore[node] = Math.min(nodeMinCore[2 * node + 1]!, nodeMinCore[2 * node + 2]!);
    }
  }

  const sets = new UnionFind(n);
  const component = new Int32Array(n);
  for (let p = 0; p < n; p++) component[p] = p;
  // Component shared by every point under a node, or -1 when mixed.
  const nodeComponent = new Int32Array(nodeCount);
  const best = new Float64Array(n);
  const bestFrom = new Int32Array(n);
  const bestTo = new Int32Array(n);
  const candidates: number[] = [];
  let edgeCount = 0;

  let queryComponent = 0;
  let queryCore = 0;
  let q = 0;
  const search = (node: number): void => {
    if (nodeComponent[node] === queryComponent) return;
    const limit = best[queryComponent]!;
    let bound = squaredDistanceToBox(tree, q, node);
    if (nodeMinCore[node]! > bound) bound = nodeMinCore[node]!;
    if (queryCore > bound) bound = queryCore;
    if (bound >= limit) return;
    if (tree.nodeIsLeaf[node]) {
      let currentBest = limit;
      for (let p = tree.nodeStart[node]!, end = tree.nodeEnd[node]!; p < end; p++) {
        if (component[p] === queryComponent) continue;
        let m = coreSq[p]!;
        if (queryCore > m) m = queryCore;
        if (m >= currentBest) continue;
        const d = squaredDistance(data, q, data, p, dim);
        if (d > m) m = d;
        if (m < currentBest) { currentBest = m; bestTo[queryComponent] = p; }
      }
      if (currentBest < limit) { best[queryComponent] = currentBest; bestFrom[queryComponent] = q; }
      return;
    }
    const left = 2 * node + 1;
    const right = left + 1;
    if (squaredDistanceToBox(tree, q, left) <= squaredDistanceToBox(tree, q, right)) { search(left); search(right); }
    else { search(right); search(left); }
  };

  while (edgeCount < edges) {
    for (let node = nodeCount - 1; node >= 0; node--) {
      if (tree.nodeIsLeaf[node]) {
        const start = tree.nodeStart[node]!;
        const end = tree.nodeEnd[node]!;
        let shared = start < end ? component[start]! : -1;
        for (let p = start + 1; p < end && shared >= 0; p++) if (component[p] !== shared) shared = -1;
        nodeComponent[node] = shared;
      } else {
        const l = nodeComponent[2 * node + 1]!;
        nodeComponent[node] = l >= 0 && l === nodeComponent[2 * node + 2] ? l : -1;
      }
    }
    best.fill(Infinity);
    for (q = 0; q < n; q++) {
      queryComponent = component[q]!;
      queryCore = coreSq[q]!;
      if (queryCore >= best[queryComponent]!) continue;
      search(0);
    }
    // Add the round's cheapest edges in weight order with a cycle check: with tied weights two
    // components may pick edges that close a cycle, and Kruskal order keeps the result minimal.
    candidates.length = 0;
    for (let p = 0; p < n; p++) if (component[p] === p && best[p]! < Infinity) candidates.push(p);
    candidates.sort((a, b) => best[a]! - best[b]! || a - b);
    for (const c of candidates) {
      const a = bestFrom[c]!;
      const b = bestTo[c]!;
      if (!sets.union(a, b)) continue;
      from[edgeCount] = tree.index[a]!;
      to[edgeCount] = tree.index[b]!;
      weight[edgeCount] = Math.sqrt(best[c]!);
      edgeCount++;
    }
    // Component ids must be set roots that are also tree positions of their own (component[p] === p marks a root).
    for (let p = 0; p < n; p++) component[p] = sets.find(p);
  }
  return { from, to, weight };
}
