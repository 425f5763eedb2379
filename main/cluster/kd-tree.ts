/**
 * A k-d tree over n points for low-dimensional nearest-neighbour work.
 * Points are copied in tree order into `data` so every node covers the contiguous
 * range [start, end) of it; `index[p]` maps tree position p back to the caller's point id.
 * Child nodes are stored implicitly (left = 2i+1, right = 2i+2) in a complete binary layout.
 */
export interface KdTree {
  readonly n: number;
  readonly dim: number;
  /** Coordinates in tree order, n × dim. */
  readonly data: Float64Array;
  /** Tree position → original point index. */
  readonly index: Int32Array;
  readonly nodeCount: number;
  readonly nodeStart: Int32Array;
  readonly nodeEnd: Int32Array;
  readonly nodeIsLeaf: Uint8Array;
  /** Bounding boxes: nodeCount × dim lower corners and upper corners. */
  readonly boxLow: Float64Array;
  readonly boxHigh: Float64Array;
}

const LEAF_SIZE = 16;

export function buildKdTree(points: Float32Array, n: number, dim: number): KdTree {
  const index = new Int32Array(n);
  for (let i = 0; i < n; i++) index[i] = i;
  // Depth chosen so every leaf holds at most LEAF_SIZE points; the layout is a complete binary tree.
  let levels = 1;
  while ((n >> (levels - 1)) > LEAF_SIZE) levels++;
  const nodeCount = (1 << levels) - 1;
  const nodeStart = new Int32Array(nodeCount);
  const nodeEnd = new Int32Array(nodeCount);
  const nodeIsLeaf = new Uint8Array(nodeCount);
  const boxLow = new Float64Array(nodeCount * dim);
  const boxHigh = new Float64Array(nodeCount * dim);
  const firstLeaf = (1 << (levels - 1)) - 1;

  const build = (node: number, start: number, end: number): void => {
    nodeStart[node] = start;
    nodeEnd[node] = end;
    const base = node * dim;
    for (let d = 0; d < dim; d++) { boxLow[base + d] = Infinity; boxHigh[base + d] = -Infinity; }
    for (let p = start; p < end; p++) {
      const row = index[p]! * dim;
      for (let d = 0; d < dim; d++) {
        const v = points[row + d]!;
        if (v < boxLow[base + d]!) boxLow[base + d] = v;
        if (v > boxHigh[base + d]!) boxHigh[base + d] = v;
      }
    }
    if (node >= firstLeaf) { nodeIsLeaf[node] = 1; return; }
    let splitDim = 0;
    let widest = -1;
    for (let d = 0; d < dim; d++) {
      const w = boxHigh[base + d]! - boxLow[base + d]!;
      if (w > widest) { widest = w; splitDim = d; }
    }
    const mid = (start + end) >> 1;
    selectNth(points, dim, splitDim, index, start, end - 1, mid);
    build(2 * node + 1, start, mid);
    build(2 * node + 2, mid, end);
  };
  build(0, 0, n);

  const data = new Float64Array(n * dim);
  for (let p = 0; p < n; p++) {
    const row = index[p]! * dim;
    for (let d = 0; d < dim; d++) data[p * dim + d] = points[row + d]!;
  }
  return { n, dim, data, index, nodeCount, nodeStart, nodeEnd, nodeIsLeaf, boxLow, boxHigh };
}

/** Quickselect on index[lo..hi] by coordinate `axis` so that index[k] holds the k-th smallest. */
function selectNth(points: Float32Array, dim: number, axis: number, index: Int32Array, lo: number, hi: number, k: number): void {
  while (hi > lo) {
    const pivot = points[index[(lo + hi) >> 1]! * dim + axis]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (points[index[i]! * dim + axis]! < pivot) i++;
      while (points[index[j]! * dim + axis]! > pivot) j--;
      if (i <= j) {
        const t = index[i]!; index[i] = index[j]!; index[j] = t;
        i++; j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/** Squared distance from tree position `p`'s point to the bounding box of `node` (0 when inside). */
export function squaredDistanceToBox(tree: KdTree, p: number, node: number): number {
  const dim = tree.dim;
  const data = tree.data;
  const base = node * dim;
  const row = p * dim;
  let sum = 0;
  for (let d = 0; d < dim; d++) {
    const v = data[row + d]!;
    const lo = tree.boxLow[base + d]!;
    if (v < lo) { const g = lo - v; sum += g * g; continue; }
    const hi = tree.boxHigh[base + d]!;
    if (v > hi) { const g = v - hi; sum += g * g; }
  }
  return sum;
}
