import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { createOrtMatMul } from '../../../native/runtime/ort-matmul.ts';
import { mulberry32 } from '../../../native/onnx/seeded-random.ts';
import { expectedCalibrationError } from '../../../main/classify/bundle/bundle-evaluation.ts';
import { buildHeadGraph, HEAD_INPUT, NOVELTY_OUTPUT, probabilityOutput } from '../../../main/classify/bundle/head-graph.ts';
import { headLogits, trainSoftmax } from '../../../main/classify/bundle/softmax-trainer.ts';
import { fitTemperature, probabilityAt, type ScoredCall } from '../../../main/classify/bundle/temperature-scaling.ts';
import { chooseTopDown, topDownCalls, type HeadLabels } from '../../../main/classify/bundle/top-down.ts';

/** Three well-separated Gaussian blobs in 8 dimensions, 30 points each. */
function blobs(seed: number) {
  const next = mulberry32(seed);
  const dim = 8;
  const n = 90;
  const x = new Float32Array(n * dim);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i += 1) {
    labels[i] = i % 3;
    for (let j = 0; j < dim; j += 1) x[i * dim + j] = (j === labels[i]! ? 2 : 0) + 0.3 * (next() - 0.5) + 1;
  }
  return { x, labels, dim, n };
}

describe('softmax trainer', () => {
  it('separates separable classes, deterministically, and its head applies to raw embeddings', async () => {
    const { matmul, release } = await createOrtMatMul();
    try {
      const { x, labels, dim, n } = blobs(7);
      const options = { l2: 1e-3, maxIterations: 100, matmul };
      const first = await trainSoftmax(x, dim, labels, 3, options);
      const second = await trainSoftmax(x, dim, labels, 3, options);
      expect(Buffer.from(first.head.weights.buffer)).toEqual(Buffer.from(second.head.weights.buffer));
      const logits = await headLogits(first.head, x, n, matmul);
      for (let i = 0; i < n; i += 1) {
        const row = Array.from(logits.subarray(i * 3, i * 3 + 3));
        expect(row.indexOf(Math.max(...row))).toBe(labels[i]);
      }
      // Rows labelled -1 take no part: training without the last class's rows never predicts it.
      const partial = Int32Array.from(labels, (label) => (label === 2 ? -1 : label));
      const two = await trainSoftmax(x, dim, partial, 2, options);
      expect(two.head.classes).toBe(2);
    } finally {
      await release();
    }
  });
});

describe('temperature scaling', () => {
  it('softens an overconfident head and keeps T = 1 when the held-out calls are all right', () => {
    // Logit gap 10 (p ≈ 1) but only 70% of calls right: the fitted T must bring the confidence down to about 0.7.
    const calls: ScoredCall[] = Array.from({ length: 100 }, (_, i) => ({ logits: Float32Array.of(10, 0), chosen: 0, right: i % 10 < 7 }));
    const t = fitTemperature(calls);
    expect(t).toBeGreaterThan(1);
    expect(probabilityAt(Float32Array.of(10, 0), 0, t)).toBeCloseTo(0.7, 2);
    expect(fitTemperature(calls.map((call) => ({ ...call, right: true })))).toBe(1);
  });

  it('measures expected calibration error over 10 bins', () => {
    expect(expectedCalibrationError([{ confidence: 0.95, right: true }, { confidence: 0.95, right: false }])).toBeCloseTo(0.45);
    expect(expectedCalibrationError([{ confidence: 0.55, right: true }, { confidence: 0.05, right: false }])).toBeCloseTo(0.25);
  });
});

describe('top-down rule', () => {
  const labels: HeadLabels = {
    ranks: ['family', 'genus'],
    classes: [
      [{ name: 'F1', parent: -1, lineage: 'F1' }, { name: 'F2', parent: -1, lineage: 'F2' }],
      [{ name: 'G1', parent: 0, lineage: 'F1; G1' }, { name: 'G2', parent: 1, lineage: 'F2; G2' }, { name: 'G3', parent: 1, lineage: 'F2; G3' }],
    ],
  };
  it('takes the best child of the chosen parent and caps confidence by the rank above', () => {
    // G1 is the genus head's favourite, but the family head chose F2: the genus is the better of F2's children.
    expect(chooseTopDown(labels, [[0.3, 0.7], [0.6, 0.1, 0.3]])).toEqual([1, 2]);
    expect(topDownCalls(labels, [[0.3, 0.7], [0.6, 0.1, 0.3]])).toEqual([
      { rank: 'family', name: 'F2', confidence: 0.7 },
      { rank: 'genus', name: 'G3', confidence: 0.3 },
    ]);
    expect(topDownCalls(labels, [[0.9, 0.1], [0.95, 0.0, 0.05]])[1]).toEqual({ rank: 'genus', name: 'G1', confidence: 0.9 });
  });
});

describe('head graph', () => {
  it('computes softmax((x·W + b) / T) per rank and the cosine distance to the nearest centroid on onnxruntime', async () => {
    const dim = 3;
    const head = { dim, classes: 2, weights: Float32Array.of(1, -1, 0, 2, 0.5, 0), bias: Float32Array.of(0.1, -0.1) };
    const centroids = Float32Array.of(1, 0, 0, 0, 1, 0);
    const bytes = buildHeadGraph({ dim, ranks: [{ head, temperature: 2 }], centroids, metadata: {} });
    const session = await ort.InferenceSession.create(bytes);
    const x = Float32Array.of(1, 2, 3, 0, 0, 5);
    const out = await session.run({ [HEAD_INPUT]: new ort.Tensor('float32', x, [2, dim]) });
    const probabilities = out[probabilityOutput(0)]!.data as Float32Array;
    const logits = await (async () => {
      const { matmul, release } = await createOrtMatMul();
      try {
        return await headLogits(head, x, 2, matmul);
      } finally {
        await release();
      }
    })();
    for (let i = 0; i < 2; i += 1) {
      const row = logits.subarray(i * 2, i * 2 + 2);
      expect(probabilities[i * 2]).toBeCloseTo(probabilityAt(row, 0, 2), 6);
      expect(probabilities[i * 2]! + probabilities[i * 2 + 1]!).toBeCloseTo(1, 6);
    }
    const distances = out[NOVELTY_OUTPUT]!.data as Float32Array;
    expect(distances[0]).toBeCloseTo(1 - 2 / Math.sqrt(14), 5);
    expect(distances[1]).toBeCloseTo(1, 5);
    await session.release();
  });
});
