import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { buildScoreTopKGraph, type KnnMetric } from '../../native/graphs/knn-topk.ts';
import { uniformFloats } from '../../native/onnx/seeded-random.ts';
import { int64s } from './ort-run.ts';

const DIM = 16;

/** Brute force in float64: every query against every ref, sorted best first. */
function bruteForce(metric: KnnMetric, queries: Float32Array, refs: Float32Array, k: number): { scores: number[]; indices: number[] }[] {
  const row = (m: Float32Array, i: number) => Array.from(m.subarray(i * DIM, (i + 1) * DIM));
  const dot = (a: number[], b: number[]) => a.reduce((sum, v, d) => sum + v * b[d]!, 0);
  const score = (q: number[], r: number[]) => {
    if (metric === 'dot') return dot(q, r);
    if (metric === 'cosine') return dot(q, r) / Math.max(Math.hypot(...q) * Math.hypot(...r), 1e-24);
    return q.reduce((sum, v, d) => sum + (v - r[d]!) ** 2, 0);
  };
  const refCount = refs.length / DIM;
  return Array.from({ length: queries.length / DIM }, (_, qi) => {
    const all = Array.from({ length: refCount }, (_, ri) => ({ index: ri, score: score(row(queries, qi), row(refs, ri)) }));
    all.sort((a, b) => (metric === 'euclidean' ? a.score - b.score : b.score - a.score));
    const best = all.slice(0, k);
    return { scores: best.map((x) => x.score), indices: best.map((x) => x.index) };
  });
}

function normaliseRows(m: Float32Array): Float32Array {
  const out = new Float32Array(m.length);
  for (let i = 0; i < m.length; i += DIM) {
    const row = m.subarray(i, i + DIM);
    const norm = Math.hypot(...row);
    row.forEach((v, d) => (out[i + d] = v / norm));
  }
  return out;
}

describe('score + top-k graph', () => {
  for (const metric of ['cosine', 'dot', 'euclidean'] as const) {
    it(`finds the same ${metric} neighbours as brute force, for several k from one graph`, async () => {
      const session = await ort.InferenceSession.create(Buffer.from(buildScoreTopKGraph({ dim: DIM, metric })));
      try {
        for (const [queryCount, refCount, k, seed] of [[7, 50, 5, 1], [1, 9, 9, 2], [13, 200, 1, 3]] as const) {
          // Varying norms make dot and euclidean rank differently; cosine callers pass unit rows.
          const scale = metric === 'cosine' ? normaliseRows : (m: Float32Array) => m;
          const queries = scale(uniformFloats(queryCount * DIM, seed).map((v) => v + 0.1));
          const refs = scale(uniformFloats(refCount * DIM, seed + 100).map((v, i) => v * (1 + (Math.floor(i / DIM) % 5))));
          const result = await session.run({
            queries: new ort.Tensor('float32', queries, [queryCount, DIM]),
            refs: new ort.Tensor('float32', refs, [refCount, DIM]),
            k: new ort.Tensor('int64', int64s([k]), [1]),
          });
          expect(result.scores!.dims).toEqual([queryCount, k]);
          expect(result.indices!.dims).toEqual([queryCount, k]);
          const scores = result.scores!.data as Float32Array;
          const indices = result.indices!.data as BigInt64Array;
          bruteForce(metric, queries, refs, k).forEach((expected, q) => {
            expect(Array.from(indices.subarray(q * k, (q + 1) * k), Number), `query ${q}`).toEqual(expected.indices);
            expected.scores.forEach((s, j) => expect(scores[q * k + j]).toBeCloseTo(s, 4));
          });
        }
      } finally {
        await session.release();
      }
    });
  }

  it('ranks by similarity for dot and by distance for euclidean on the same data', async () => {
    const queries = Float32Array.of(1, 0, ...Array(DIM - 2).fill(0));
    // ref 0: same direction, short; ref 1: slightly off direction, long (largest product); ref 2: close in space.
    const refs = new Float32Array(3 * DIM);
    refs.set([0.1, 0], 0);
    refs.set([5, 1], DIM);
    refs.set([0.9, 0.2], 2 * DIM);
    const top = async (metric: KnnMetric) => {
      const session = await ort.InferenceSession.create(Buffer.from(buildScoreTopKGraph({ dim: DIM, metric })));
      const out = await session.run({ queries: new ort.Tensor('float32', queries, [1, DIM]), refs: new ort.Tensor('float32', refs, [3, DIM]), k: new ort.Tensor('int64', int64s([1]), [1]) });
      await session.release();
      return Number((out.indices!.data as BigInt64Array)[0]);
    };
    expect([await top('dot'), await top('euclidean')]).toEqual([1, 2]);
  });
});
