import { attr, GraphBuilder } from '../../native/onnx/graph-builder.ts';

/**
 * One Borůvka step on onnxruntime for a block of query points of ONE component: each query's lightest
 * mutual-reachability edge to a point outside it. Inputs: `queries` [q, dim], `query_core` [q, 1] (squared core
 * distances), `refs` [r, dim], `ref_floor` [r]: a reference's squared core distance, or about 3e38 where it lies in
 * the queries' component (which masks it). Outputs: `weight` [q], max(d², core², floor), and `partner` [q]
 * (int64, the first index among tied minima).
 */
export function buildForeignNearestGraph(dim: number): Uint8Array {
  const g = new GraphBuilder('foreign_nearest');
  const queries = g.input('queries', 'float32', ['q', dim]);
  const queryCore = g.input('query_core', 'float32', ['q', 1]);
  const refs = g.input('refs', 'float32', ['r', dim]);
  const refFloor = g.input('ref_floor', 'float32', ['r']);
  const refNorms = g.op('ReduceSumSquare', [refs], { axes: [1], keepdims: 0 });
  const queryNorms = g.op('ReduceSumSquare', [queries], { axes: [1], keepdims: 1 });
  // |r|² − 2q·r in one Gemm, then |q|²: the squared distance, floored by both core distances (and the mask).
  const partial = g.op('Gemm', [queries, refs, refNorms], { transB: 1, alpha: attr.float(-2), beta: attr.float(1) });
  const reach = g.op('Max', [g.op('Add', [partial, queryNorms]), queryCore, refFloor]);
  g.op('ReduceMin', [reach], { axes: [1], keepdims: 0 }, 'weight');
  g.op('ArgMin', [reach], { axis: 1, keepdims: 0, select_last_index: 0 }, 'partner');
  g.output('weight', 'float32', ['q']);
  g.output('partner', 'int64', ['q']);
  return g.toBytes();
}
