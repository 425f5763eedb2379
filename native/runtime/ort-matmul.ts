import * as ort from 'onnxruntime-node';
import { buildMatMulGraph } from '../graphs/matmul.ts';
import type { MatMul } from '../fit/dominant-subspace.ts';

/**
 * Dense matrix products through onnxruntime's MatMul (≈63 GFLOP/s on a 2-core laptop CPU, about 100× a plain
 * JavaScript loop), for fitting the bundled embedders. One session per orientation, created on first use.
 */
export async function createOrtMatMul(): Promise<{ matmul: MatMul; release: () => Promise<void> }> {
  const plain = await ort.InferenceSession.create(buildMatMulGraph({ transposeA: false }));
  const transposed = await ort.InferenceSession.create(buildMatMulGraph({ transposeA: true }));
  const matmul: MatMul = async (a, aRows, aCols, b, bCols, transposeA = false) => {
    const session = transposeA ? transposed : plain;
    const inner = transposeA ? aRows : aCols;
    if (b.length !== inner * bCols) throw new Error(`matmul: B has ${b.length} values, expected ${inner} × ${bCols}`);
    const result = await session.run({ a: new ort.Tensor('float32', a, [aRows, aCols]), b: new ort.Tensor('float32', b, [inner, bCols]) });
    return result.c!.data as Float32Array;
  };
  return { matmul, release: async () => { await plain.release(); await transposed.release(); } };
}
