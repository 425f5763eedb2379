import { mulberry32 } from '../../native/onnx/seeded-random.ts';
import type { EmbeddingBenchmark, LabelledPoints } from './embedding-benchmark.ts';

const FOLDS = 5;
const EPOCHS = 30;
const BATCH = 32;
const LEARNING_RATE = 0.05;
const L2 = 1e-4;

/**
 * Cross-validated linear-probe accuracy: multinomial logistic regression (softmax, L2-regularised, mini-batch
 * SGD on standardised features) trained on 4 folds and scored on the fifth, over 5 seeded folds. A linear
 * probe asks whether the labels are linearly readable from the embedding, which kNN accuracy does not.
 */
export const linearProbeBenchmark: EmbeddingBenchmark = {
  name: 'linear-probe',
  description: `${FOLDS}-fold cross-validated softmax-regression accuracy`,
  async run(points, context) {
    if (points.n < FOLDS || points.classes < 2) return { linear_probe_accuracy: null };
    const random = mulberry32(context.seed);
    const order = Int32Array.from({ length: points.n }, (_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let right = 0;
    for (let fold = 0; fold < FOLDS; fold++) {
      context.signal.throwIfAborted();
      const test = order.filter((_, i) => i % FOLDS === fold);
      const train = order.filter((_, i) => i % FOLDS !== fold);
      const model = trainSoftmax(points, train, random);
      for (const i of test) if (model.predict(i) === points.labels[i]) right++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return { linear_probe_accuracy: right / points.n };
  },
};

function trainSoftmax(points: LabelledPoints, train: Int32Array, random: () => number): { predict(i: number): number } {
  const { dim, classes, vectors, labels } = points;
  // Standardise with the training fold's statistics only, so the test fold stays unseen.
  const mean = new Float64Array(dim);
  const scale = new Float64Array(dim);
  for (const i of train) for (let d = 0; d < dim; d++) mean[d] = mean[d]! + vectors[i * dim + d]! / train.length;
  for (const i of train) for (let d = 0; d < dim; d++) scale[d] = scale[d]! + (vectors[i * dim + d]! - mean[d]!) ** 2 / train.length;
  for (let d = 0; d < dim; d++) scale[d] = scale[d]! > 1e-12 ? 1 / Math.sqrt(scale[d]!) : 0;
  const x = new Float32Array(dim);
  const feature = (i: number) => {
    for (let d = 0; d < dim; d++) x[d] = (vectors[i * dim + d]! - mean[d]!) * scale[d]!;
    return x;
  };
  const weights = new Float32Array(classes * dim);
  const bias = new Float32Array(classes);
  const logits = new Float64Array(classes);
  const scores = (row: Float32Array) => {
    let max = -Infinity;
    for (let c = 0; c < classes; c++) {
      let s = bias[c]!;
      for (let d = 0, w = c * dim; d < dim; d++, w++) s += weights[w]! * row[d]!;
      logits[c] = s;
      if (s > max) max = s;
    }
    return max;
  };
  const gradW = new Float32Array(classes * dim);
  const gradB = new Float32Array(classes);
  const order = Int32Array.from(train);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const rate = LEARNING_RATE / (1 + epoch / 10);
    for (let start = 0; start < order.length; start += BATCH) {
      const end = Math.min(order.length, start + BATCH);
      gradW.fill(0);
      gradB.fill(0);
      for (let b = start; b < end; b++) {
        const i = order[b]!;
        const row = feature(i);
        const max = scores(row);
        let sum = 0;
        for (let c = 0; c < classes; c++) sum += (logits[c] = Math.exp(logits[c]! - max));
        for (let c = 0; c < classes; c++) {
          const g = logits[c]! / sum - (c === labels[i] ? 1 : 0);
          if (Math.abs(g) < 1e-7) continue;
          gradB[c] = gradB[c]! + g;
          for (let d = 0, w = c * dim; d < dim; d++, w++) gradW[w] = gradW[w]! + g * row[d]!;
        }
      }
      const step = rate / (end - start);
      for (let w = 0; w < weights.length; w++) weights[w] = weights[w]! * (1 - rate * L2) - step * gradW[w]!;
      for (let c = 0; c < classes; c++) bias[c] = bias[c]! - step * gradB[c]!;
    }
  }
  return {
    predict(i) {
      scores(feature(i));
      let best = 0;
      for (let c = 1; c < classes; c++) if (logits[c]! > logits[best]!) best = c;
      return best;
    },
  };
}
