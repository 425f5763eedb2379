import { describe, expect, it } from 'vitest';
import { buildMatMulGraph } from '../../native/graphs/matmul.ts';
import { runModel } from './ort-run.ts';

describe('matmul graph', () => {
  // a = [[1, 2, 3], [4, 5, 6]] (2 × 3), b = [[1, 0], [0, 1], [2, -1]] (3 × 2).
  const b = Float32Array.of(1, 0, 0, 1, 2, -1);

  it('computes a·b', async () => {
    const { c } = await runModel(buildMatMulGraph({ transposeA: false }), { a: [Float32Array.of(1, 2, 3, 4, 5, 6), [2, 3]], b: [b, [3, 2]] });
    expect(c!.dims).toEqual([2, 2]);
    expect(Array.from(c!.data as Float32Array)).toEqual([7, -1, 16, -1]);
  });

  it('computes aᵀ·b when a is given as [k, m]', async () => {
    // The same a, stored transposed: [[1, 4], [2, 5], [3, 6]].
    const { c } = await runModel(buildMatMulGraph({ transposeA: true }), { a: [Float32Array.of(1, 4, 2, 5, 3, 6), [3, 2]], b: [b, [3, 2]] });
    expect(c!.dims).toEqual([2, 2]);
    expect(Array.from(c!.data as Float32Array)).toEqual([7, -1, 16, -1]);
  });
});
