import { GraphBuilder } from '../onnx/graph-builder.ts';

/** c = a·b, or aᵀ·b with `transposeA` (a given as [k, m]); dynamic sizes. For fitting and benchmarks. */
export function buildMatMulGraph(options: { transposeA: boolean }): Uint8Array {
  const g = new GraphBuilder('matmul');
  const a = g.input('a', 'float32', options.transposeA ? ['k', 'm'] : ['m', 'k']);
  const b = g.input('b', 'float32', ['k', 'n']);
  const left = options.transposeA ? g.op('Transpose', [a], { perm: [1, 0] }) : a;
  g.op('MatMul', [left, b], {}, 'c');
  g.output('c', 'float32', ['m', 'n']);
  return g.toBytes();
}
