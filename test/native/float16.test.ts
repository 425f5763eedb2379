import { describe, expect, it } from 'vitest';
import { fromFloat16Bits, toFloat16Bits } from '../../native/onnx/float16.ts';
import { dataTypeOf, GraphBuilder } from '../../native/onnx/graph-builder.ts';
import { uniformFloats } from '../../native/onnx/seeded-random.ts';
import { runModel } from './ort-run.ts';

describe('float16 bit patterns', () => {
  it('round-trips every half-precision value exactly', () => {
    const all = Uint16Array.from({ length: 65536 }, (_, i) => i);
    const back = toFloat16Bits(fromFloat16Bits(all));
    const mismatches = Array.from(all).filter((h, i) => back[i] !== h && !((h & 0x7c00) === 0x7c00 && h & 0x3ff));
    expect(mismatches).toEqual([]);
    // NaN payloads are not kept, but NaN stays NaN.
    expect(Number.isNaN(fromFloat16Bits(toFloat16Bits(Float32Array.of(NaN)))[0])).toBe(true);
  });

  it('rounds to nearest with ties to even, overflows to infinity and underflows through subnormals', () => {
    const ulpAt1 = 2 ** -10;
    const cases: [number, number][] = [
      [1 + ulpAt1 / 2, 0x3c00], // tie, even neighbour is 1
      [1 + (3 * ulpAt1) / 2, 0x3c02], // tie, even neighbour is 1 + 2 ulp
      [1 + ulpAt1 / 2 + 2 ** -20, 0x3c01], // just above the tie
      [65504, 0x7bff], // largest finite half
      [65520, 0x7c00], // rounds up past it
      [-1e6, 0xfc00],
      [2 ** -24, 0x0001], // smallest subnormal
      [2 ** -25, 0x0000], // tie between 0 and the smallest subnormal: even is 0
      [2 ** -25 * 1.5, 0x0001],
      [2 ** -14 - 2 ** -25, 0x0400], // rounds up from the largest subnormal into the smallest normal
      [-0, 0x8000],
    ];
    const bits = toFloat16Bits(Float32Array.from(cases, ([value]) => value));
    expect(Array.from(bits)).toEqual(cases.map(([, expected]) => expected));
  });

  it('agrees bit for bit with onnxruntime’s own float32 → float16 Cast', async () => {
    const values = uniformFloats(4096, 3).map((v, i) => v * 2 ** ((i % 40) - 26));
    const g = new GraphBuilder('cast16');
    g.input('x', 'float32', [values.length]);
    const half = g.op('Cast', ['x'], { to: dataTypeOf('float16') });
    // Compare the bits through an exact widening: float16 → float32 loses nothing.
    g.output('y', 'float32', [values.length], g.op('Cast', [half], { to: dataTypeOf('float32') }));
    const { y } = await runModel(g.toBytes(), { x: [values, [values.length]] });
    expect(Array.from(toFloat16Bits(y!.data as Float32Array))).toEqual(Array.from(toFloat16Bits(values)));
  });
});
