import { GraphBuilder } from '../../../native/onnx/graph-builder.ts';
import type { LinearHead } from './softmax-trainer.ts';

export const HEAD_INPUT = 'embeddings';
export const NOVELTY_OUTPUT = 'centroid_distance';
/** Output name of rank r's probabilities: by position, since rank names are free text (`level_1`, …). */
export const probabilityOutput = (rank: number): string => `probabilities_${rank}`;

export interface HeadGraphSpec {
  dim: number;
  /** Top-down, one linear head and its fitted temperature per rank. */
  ranks: { head: LinearHead; temperature: number }[];
  /** L2-normalised centroids of the lowest rank's classes, row-major [classes, dim]. */
  centroids: Float32Array;
  metadata: Record<string, string>;
}

/**
 * head.onnx: embeddings [n, dim] → per rank softmax((x·W + b) / T) [n, classes], plus the cosine distance from
 * each (L2-normalised) embedding to the nearest lowest-rank centroid, which stands in for the distance to the
 * nearest reference (a bundle carries no reference vectors) in the novelty score. One graph, so a
 * read is embedded once and scored for every rank in one run.
 */
export function buildHeadGraph(spec: HeadGraphSpec): Uint8Array {
  const g = new GraphBuilder('seqatlas_classifier_head');
  const x = g.input(HEAD_INPUT, 'float32', ['reads', spec.dim]);
  spec.ranks.forEach(({ head, temperature }, r) => {
    const weights = g.initializer(`weights_${r}`, [spec.dim, head.classes], head.weights);
    const bias = g.initializer(`bias_${r}`, [head.classes], head.bias);
    const logits = g.op('Add', [g.op('MatMul', [x, weights]), bias]);
    const scaled = g.op('Div', [logits, g.scalar(temperature, `temperature_${r}`)]);
    g.op('Softmax', [scaled], { axis: -1 }, probabilityOutput(r));
    g.output(probabilityOutput(r), 'float32', ['reads', head.classes]);
  });
  const unit = g.op('LpNormalization', [x], { axis: 1, p: 2 });
  const centroids = g.initializer('centroids', [spec.centroids.length / spec.dim, spec.dim], spec.centroids);
  const similarity = g.op('Gemm', [unit, centroids], { transB: 1 });
  g.op('Sub', [g.scalar(1, 'one'), g.op('ReduceMax', [similarity], { axes: [1], keepdims: 0 })], {}, NOVELTY_OUTPUT);
  g.output(NOVELTY_OUTPUT, 'float32', ['reads']);
  return g.addMetadata(spec.metadata).toBytes();
}
