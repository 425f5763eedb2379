import { requireInteger } from '../onnx/graph-build-error.ts';
import { attr, GraphBuilder } from '../onnx/graph-builder.ts';

export type KnnMetric = 'cosine' | 'dot' | 'euclidean';

export interface ScoreTopKOptions {
  dim: number;
  metric: KnnMetric;
}

/**
 * Exact k-nearest-neighbour scoring of a block of queries against a block of references.
 * Inputs: `queries` float32 [q, dim], `refs` float32 [r, dim], `k` int64 [1] (1 ≤ k ≤ r: the caller clamps k to
 * the block size; onnxruntime rejects a larger k). One graph serves every k, q and r.
 * Outputs: `indices` int64 [q, k], rows of `refs`, best first; `scores` float32 [q, k]:
 *   cosine    — queries·refsᵀ, largest first: the caller passes L2-normalised rows (stored vectors are normalised
 *               once, when written), so the graph does not renormalise every reference block on every call;
 *   dot       — queries·refsᵀ, largest first;
 *   euclidean — squared distance |q|² - 2q·r + |r|², smallest first (clamped at 0 against rounding).
 * Ties are ordered as onnxruntime's TopK orders them.
 *
 * The products are one Gemm with transB, so refs are never transposed in memory. For euclidean the ranking
 * uses |r|² - 2q·r, which differs from the distance by |q|² only, constant along a row; |q|² is added to the k
 * winners afterwards instead of to the whole [q, r] score matrix.
 */
export function buildScoreTopKGraph(options: ScoreTopKOptions): Uint8Array {
  const { dim, metric } = options;
  requireInteger('knn top-k', 'dim', dim);
  const g = new GraphBuilder(`knn_topk_${metric}`);
  const queries = g.input('queries', 'float32', ['queries', dim]);
  const refs = g.input('refs', 'float32', ['refs', dim]);
  const k = g.input('k', 'int64', [1]);
  const squaredNorms = (x: string, keepdims: 0 | 1) => g.op('ReduceSumSquare', [x], { axes: [1], keepdims });
  const outputs = (scores: string, indices: string) => {
    g.output('scores', 'float32', ['queries', 'k'], scores);
    g.output('indices', 'int64', ['queries', 'k'], indices);
  };

  if (metric === 'euclidean') {
    const ranking = g.op('Gemm', [queries, refs, squaredNorms(refs, 0)], { transB: 1, alpha: attr.float(-2), beta: attr.float(1) });
    const [partial, indices] = g.node('TopK', [ranking, k], { axis: -1, largest: 0, sorted: 1 }, 2);
    const distances = g.op('Max', [g.op('Add', [partial!, squaredNorms(queries, 1)]), g.scalar(0, 'zero')]);
    outputs(distances, indices!);
  } else {
    const products = g.op('Gemm', [queries, refs], { transB: 1 });
    const [scores, indices] = g.node('TopK', [products, k], { axis: -1, largest: 1, sorted: 1 }, 2);
    outputs(scores!, indices!);
  }
  return g.addMetadata({ 'seqatlas.graph': `knn top-k (${metric})` }).toBytes();
}
