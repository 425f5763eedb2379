import { describe, expect, it } from 'vitest';
import { buildKmerEmbedderGraph } from '../../native/graphs/kmer-embedder.ts';
import { GraphBuildError } from '../../native/onnx/graph-build-error.ts';
import { readModelMetadata } from '../../native/onnx/model-metadata.ts';
import { mulberry32, uniformFloats } from '../../native/onnx/seeded-random.ts';
import { int64s, maxAbsDiff, runModel } from './ort-run.ts';

const VOCAB = 256;
const DIM = 24;
const weights = uniformFloats(VOCAB * DIM, 5);

/** The definition, in float64: normalise(Σ mask·W[id] / max(Σ mask, 1)). */
function reference(ids: number[], mask: number[]): Float64Array {
  const sum = new Float64Array(DIM);
  ids.forEach((id, t) => {
    for (let d = 0; d < DIM; d += 1) sum[d]! += mask[t]! * weights[id * DIM + d]!;
  });
  const count = Math.max(mask.reduce((a, b) => a + b, 0), 1);
  const mean = sum.map((v) => v / count);
  const norm = Math.max(Math.hypot(...mean), 1e-12);
  return mean.map((v) => v / norm);
}

/** Right-pads rows to one length (id 0, mask 0) and runs them as one batch; returns one vector per row. */
async function embed(model: Uint8Array, rows: { ids: number[]; mask?: number[] }[]): Promise<Float32Array[]> {
  const width = Math.max(...rows.map((r) => r.ids.length));
  const ids = rows.flatMap((r) => [...r.ids, ...Array(width - r.ids.length).fill(0)]);
  const mask = rows.flatMap((r) => [...(r.mask ?? r.ids.map(() => 1)), ...Array(width - r.ids.length).fill(0)]);
  const { embedding } = await runModel(model, { input_ids: [int64s(ids), [rows.length, width]], attention_mask: [int64s(mask), [rows.length, width]] });
  expect(embedding!.dims).toEqual([rows.length, DIM]);
  const data = embedding!.data as Float32Array;
  return rows.map((_, b) => data.slice(b * DIM, (b + 1) * DIM));
}

function randomIds(length: number, seed: number): number[] {
  const next = mulberry32(seed);
  // A small id range makes repeated k-mers (counts > 1) common.
  return Array.from({ length }, () => Math.floor(next() * 40));
}

describe('k-mer embedder graph', () => {
  const model = buildKmerEmbedderGraph({ vocabSize: VOCAB, dim: DIM, weights, metadata: { 'seqatlas.bundle': 'test' } });

  it('computes the normalised masked mean of the k-mer vectors (vs a float64 reference)', async () => {
    const rows = [
      { ids: randomIds(30, 1) },
      { ids: randomIds(30, 2), mask: randomIds(30, 3).map((v) => (v % 3 === 0 ? 0 : 1)) },
      { ids: [VOCAB - 1, 0, 7] },
    ];
    const vectors = await embed(model, rows);
    rows.forEach((row, b) => expect(maxAbsDiff(vectors[b]!, reference(row.ids, row.mask ?? row.ids.map(() => 1)))).toBeLessThanOrEqual(1e-5));
    vectors.forEach((v) => expect(Math.hypot(...v)).toBeCloseTo(1, 5));
  });

  it('gives a sequence the same vector alone as padded in a batch with a longer one', async () => {
    const short = { ids: randomIds(9, 4) };
    const [alone] = await embed(model, [short]);
    const [, padded] = await embed(model, [{ ids: randomIds(57, 5) }, short, { ids: randomIds(20, 6) }]);
    expect(maxAbsDiff(alone!, padded!)).toBeLessThanOrEqual(1e-6);
  });

  it('gives zeros, not NaN, for a row whose vectors sum to zero', async () => {
    const g = buildKmerEmbedderGraph({ vocabSize: 2, dim: 3, weights: Float32Array.of(1, 2, 3, -1, -2, -3) });
    const { embedding } = await runModel(g, { input_ids: [int64s([0, 1, 0, 0]), [2, 2]], attention_mask: [int64s([1, 1, 0, 0]), [2, 2]] });
    expect(Array.from(embedding!.data as Float32Array)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('stores float16 weights at half the size and stays within 1e-3 of float32', async () => {
    const half = buildKmerEmbedderGraph({ vocabSize: VOCAB, dim: DIM, weights, weightsDtype: 'float16' });
    expect(half.length).toBeLessThan(model.length * 0.6);
    const rows = [{ ids: randomIds(40, 7) }, { ids: randomIds(3, 8) }];
    const [full, reduced] = [await embed(model, rows), await embed(half, rows)];
    rows.forEach((_, b) => {
      const diff = maxAbsDiff(full[b]!, reduced[b]!);
      expect(diff).toBeLessThanOrEqual(1e-3);
      expect(diff).toBeGreaterThan(0); // really the float16 table
    });
  });

  it('carries its metadata and rejects weights that do not match vocabSize × dim', () => {
    expect(readModelMetadata(model)).toEqual({ 'seqatlas.bundle': 'test' });
    const error = (() => {
      try {
        buildKmerEmbedderGraph({ vocabSize: 4, dim: 3, weights: new Float32Array(11) });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(GraphBuildError);
    expect((error as GraphBuildError).message).toBe('k-mer embedder: weights has 11 values, expected vocabSize × dim = 12');
  });
});
