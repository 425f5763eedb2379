import type { SpanningTree } from './spanning-tree.ts';

/**
 * Single-linkage dendrogram in the scipy layout: row i merges nodes left[i] and right[i] at
 * `distance[i]` into new node n + i holding `size[i]` points. Ids below n are points.
 */
export interface SingleLinkageTree {
  readonly n: number;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly distance: Float64Array;
  readonly size: Int32Array;
}

/** Builds the dendrogram by merging MST edges in ascending weight order (ties in edge order). */
export function singleLinkageFromMst(mst: SpanningTree, n: number): SingleLinkageTree {
  const rows = mst.weight.length;
  const order = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) order[i] = i;
  order.sort((a, b) => mst.weight[a]! - mst.weight[b]! || a - b);

  const left = new Int32Array(rows);
  const right = new Int32Array(rows);
  const distance = new Float64Array(rows);
  const size = new Int32Array(rows);
  // Union-find whose set representative is the newest dendrogram node covering the set.
  const parent = new Int32Array(2 * n - 1 > 0 ? 2 * n - 1 : 0).fill(-1);
  const nodeSize = (node: number): number => (node < n ? 1 : size[node - n]!);
  const find = (x: number): number => {
    let root = x;
    while (parent[root]! >= 0) root = parent[root]!;
    while (parent[x]! >= 0) { const next = parent[x]!; parent[x] = root; x = next; }
    return root;
  };
  for (let r = 0; r < rows; r++) {
    const e = order[r]!;
    const a = find(mst.from[e]!);
    const b = find(mst.to[e]!);
    left[r] = a;
    right[r] = b;
    distance[r] = mst.weight[e]!;
    size[r] = nodeSize(a) + nodeSize(b);
    parent[a] = n + r;
    parent[b] = n + r;
  }
  return { n, left, right, distance, size };
}
