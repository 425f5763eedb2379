import type { SingleLinkageTree } from './single-linkage.ts';

/**
 * The condensed cluster tree (Campello et al. 2013): each row says `child` left `parent` at density
 * `lambda` = 1 / distance, carrying `childSize` points. Children below n are points; clusters are
 * numbered n (the root), n+1, ... in breadth-first order, so a child cluster id is always larger
 * than its parent's.
 *
 * Zero distances (minSamples or more identical points) would give λ = ∞, which the reference lets
 * leak into stabilities and scores. We cap it instead: λ for a zero-distance merge is twice the
 * largest finite λ in the hierarchy (or 1 when every distance is zero), which keeps the ordering of
 * densities and keeps every output finite.
 */
export interface CondensedTree {
  readonly pointCount: number;
  readonly clusterCount: number;
  readonly rows: number;
  readonly parent: Int32Array;
  readonly child: Int32Array;
  readonly lambda: Float64Array;
  readonly childSize: Int32Array;
}

export function condenseTree(hierarchy: SingleLinkageTree, minClusterSize: number): CondensedTree {
  const n = hierarchy.n;
  const capacity = 2 * n;
  const parent = new Int32Array(capacity);
  const child = new Int32Array(capacity);
  const lambda = new Float64Array(capacity);
  const childSize = new Int32Array(capacity);
  let rows = 0;
  const emit = (p: number, c: number, l: number, s: number): void => {
    parent[rows] = p; child[rows] = c; lambda[rows] = l; childSize[rows] = s; rows++;
  };

  let smallestPositive = Infinity;
  for (const d of hierarchy.distance) if (d > 0 && d < smallestPositive) smallestPositive = d;
  const lambdaCap = smallestPositive < Infinity ? 2 / smallestPositive : 1;
  const sizeOf = (node: number): number => (node < n ? 1 : hierarchy.size[node - n]!);
  const emitPointsUnder = (node: number, clusterLabel: number, l: number): void => {
    const stack = [node];
    while (stack.length > 0) {
      const x = stack.pop()!;
      if (x < n) { emit(clusterLabel, x, l, 1); continue; }
      stack.push(hierarchy.left[x - n]!, hierarchy.right[x - n]!);
    }
  };

  const root = 2 * n - 2;
  // relabel[node - n]: the condensed cluster an internal dendrogram node belongs to.
  const relabel = new Int32Array(Math.max(0, n - 1));
  let nextLabel = n + 1;
  if (root >= n) relabel[root - n] = n;
  const queue: number[] = root >= n ? [root] : [];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    const row = node - n;
    const label = relabel[row]!;
    const d = hierarchy.distance[row]!;
    const l = d > 0 ? 1 / d : lambdaCap;
    const a = hierarchy.left[row]!;
    const b = hierarchy.right[row]!;
    const sizeA = sizeOf(a);
    const sizeB = sizeOf(b);
    const bigA = sizeA >= minClusterSize;
    const bigB = sizeB >= minClusterSize;
    if (bigA && bigB) {
      // A true split: both sides become new clusters born at λ.
      for (const [c, s] of [[a, sizeA], [b, sizeB]] as const) {
        const newLabel = nextLabel++;
        emit(label, newLabel, l, s);
        if (c >= n) { relabel[c - n] = newLabel; queue.push(c); }
      }
    } else {
      // Small sides are points falling out of the cluster; a big side continues the same cluster.
      for (const [c, big] of [[a, bigA], [b, bigB]] as const) {
        if (big) { relabel[c - n] = label; queue.push(c); } else emitPointsUnder(c, label, l);
      }
    }
  }
  return {
    pointCount: n,
    clusterCount: nextLabel - n,
    rows,
    parent: parent.subarray(0, rows),
    child: child.subarray(0, rows),
    lambda: lambda.subarray(0, rows),
    childSize: childSize.subarray(0, rows),
  };
}
