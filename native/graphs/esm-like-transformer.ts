import { GraphBuildError, requireInteger } from '../onnx/graph-build-error.ts';
import { attr, dataTypeOf, GraphBuilder } from '../onnx/graph-builder.ts';
import { fillNormal, mulberry32 } from '../onnx/seeded-random.ts';

export interface EsmLikeOptions {
  vocabSize: number;
  hidden: number;
  layers: number;
  /** Attention heads; must divide `hidden`. */
  heads: number;
  intermediate: number;
  /** Rows of the learned position table: the longest sequence (special tokens included) the model accepts. */
  maxPositions: number;
  /** Its embedding row is zero, like torch's Embedding(padding_idx). */
  padTokenId: number;
  seed: number;
  /** Also output `hidden_states.0` … `hidden_states.{layers-1}` (see buildEsmLikeGraph). */
  exportHiddenStates?: boolean;
  /**
   * Standard deviation of the random weights, biases and LayerNorm offsets (default 0.02, the HF initialiser
   * scale). Tests raise it so that every term visibly moves the output.
   */
  weightStd?: number;
}

const LAYER_NORM_EPSILON = 1e-5;
/** Added to the attention scores of padded keys: exp() of it underflows to exactly 0 in float32. */
const MASKED_SCORE = -1e9;

/**
 * A random-weight encoder shaped like ESM / Nucleotide Transformer (v1) as Hugging Face exports them, for tests
 * and throughput benchmarks; its weights are noise from `seed`.
 *
 * Inputs `input_ids`, `attention_mask`: int64 [batch, sequence], 1 = real token, 0 = padding, padding on the right.
 * embeddings = word[input_ids] + position[0 … sequence-1] (learned absolute positions; sequence ≤ maxPositions);
 * then `layers` pre-LayerNorm blocks:
 *   x = x + Wo·MultiHeadAttention(LN(x)), padded keys masked with an additive -1e9;
 *   x = x + W2·GELU(W1·LN(x))  (exact erf GELU);
 * and a final LayerNorm → `last_hidden_state` float32 [batch, sequence, hidden].
 * Rows of padded positions hold values but mean nothing; real tokens' rows do not depend on the padding.
 *
 * `hidden_states.i` (with exportHiddenStates, i = 0 … layers-1) is HF's output_hidden_states[i] for ESM: i = 0 the
 * embedding output, i ≥ 1 the output of block i (1-based, before any final LayerNorm). HF's hidden_states[layers]
 * is the final LayerNorm's output, which is `last_hidden_state`, so it is not exported twice; the last block's raw
 * output is not among HF's states either.
 */
export function buildEsmLikeGraph(options: EsmLikeOptions): Uint8Array {
  const { vocabSize, hidden, layers, heads, intermediate, maxPositions, padTokenId, seed } = options;
  const where = 'esm-like encoder';
  for (const [field, value] of Object.entries({ vocabSize, hidden, layers, heads, intermediate, maxPositions })) requireInteger(where, field, value);
  requireInteger(where, 'padTokenId', padTokenId, 0);
  if (padTokenId >= vocabSize) throw new GraphBuildError('invalid_option', `${where}: padTokenId ${padTokenId} is outside the vocabulary (${vocabSize})`);
  if (hidden % heads !== 0) throw new GraphBuildError('invalid_option', `${where}: hidden ${hidden} is not a multiple of heads ${heads}`);
  const headDim = hidden / heads;
  const std = options.weightStd ?? 0.02;

  const g = new GraphBuilder('esm_like_encoder');
  // One stream for the whole model, drawn in build order: the weights depend on the seed alone.
  const random = mulberry32(seed);
  const randomTensor = (name: string, dims: number[], mean = 0) =>
    g.initializer(name, dims, fillNormal(new Float32Array(dims.reduce((a, b) => a * b, 1)), random, std, mean));
  const layerNorm = (x: string, name: string) =>
    g.op('LayerNormalization', [x, randomTensor(`${name}.weight`, [hidden], 1), randomTensor(`${name}.bias`, [hidden])], { axis: -1, epsilon: attr.float(LAYER_NORM_EPSILON) });
  const linear = (x: string, name: string, inputs: number, outputs: number) =>
    g.op('Add', [g.op('MatMul', [x, randomTensor(`${name}.weight`, [inputs, outputs])]), randomTensor(`${name}.bias`, [outputs])]);

  const ids = g.input('input_ids', 'int64', ['batch', 'sequence']);
  const mask = g.input('attention_mask', 'int64', ['batch', 'sequence']);

  const wordTable = fillNormal(new Float32Array(vocabSize * hidden), random, std);
  wordTable.fill(0, padTokenId * hidden, (padTokenId + 1) * hidden);
  const words = g.op('Gather', [g.initializer('embeddings.word_embeddings.weight', [vocabSize, hidden], wordTable), ids]);
  const sequenceLength = g.op('Squeeze', [g.op('Shape', [ids], { start: 1, end: 2 })]);
  const positionIds = g.op('Range', [g.int64s([0], { prefix: 'zero', scalar: true }), sequenceLength, g.int64s([1], { prefix: 'one', scalar: true })]);
  const positions = g.op('Gather', [randomTensor('embeddings.position_embeddings.weight', [maxPositions, hidden]), positionIds]);
  let x = g.op('Add', [words, positions]);

  // (mask - 1) · 1e9: 0 for real keys, -1e9 for padded ones, shaped [batch, 1, 1, sequence] to broadcast over heads and queries.
  const maskFloat = g.op('Cast', [mask], { to: dataTypeOf('float32') });
  const keyBias = g.op('Mul', [g.op('Sub', [maskFloat, g.scalar(1, 'one_f')]), g.scalar(-MASKED_SCORE, 'mask_scale')]);
  const attentionBias = g.op('Unsqueeze', [keyBias, g.int64s([1, 2], { prefix: 'bias_axes' })]);
  const toHeads = g.int64s([0, 0, heads, headDim], { prefix: 'to_heads' });
  const fromHeads = g.int64s([0, 0, hidden], { prefix: 'from_heads' });
  const queryScale = g.scalar(1 / Math.sqrt(headDim), 'query_scale');
  const half = g.scalar(0.5, 'half');
  const one = g.scalar(1, 'one_gelu');
  const sqrt2 = g.scalar(Math.SQRT2, 'sqrt2');

  const hiddenStates: string[] = [x];
  for (let l = 0; l < layers; l += 1) {
    const p = `encoder.layer.${l}`;
    const normed = layerNorm(x, `${p}.attention.LayerNorm`);
    // [batch, seq, hidden] → [batch, heads, seq, headDim] (keys: [batch, heads, headDim, seq], ready for Q·Kᵀ).
    const project = (name: string, perm: number[]) =>
      g.op('Transpose', [g.op('Reshape', [linear(normed, `${p}.attention.self.${name}`, hidden, hidden), toHeads])], { perm });
    // Scaling the queries ([…, seq, headDim]) is cheaper than scaling the scores ([…, seq, seq]).
    const query = g.op('Mul', [project('query', [0, 2, 1, 3]), queryScale]);
    const key = project('key', [0, 2, 3, 1]);
    const value = project('value', [0, 2, 1, 3]);
    const scores = g.op('Add', [g.op('MatMul', [query, key]), attentionBias]);
    const context = g.op('MatMul', [g.op('Softmax', [scores], { axis: -1 }), value]);
    const merged = g.op('Reshape', [g.op('Transpose', [context], { perm: [0, 2, 1, 3] }), fromHeads]);
    x = g.op('Add', [x, linear(merged, `${p}.attention.output.dense`, hidden, hidden)]);

    const up = linear(layerNorm(x, `${p}.LayerNorm`), `${p}.intermediate.dense`, hidden, intermediate);
    const gelu = g.op('Mul', [g.op('Mul', [up, half]), g.op('Add', [one, g.op('Erf', [g.op('Div', [up, sqrt2])])])]);
    x = g.op('Add', [x, linear(gelu, `${p}.output.dense`, intermediate, hidden)]);
    if (l < layers - 1) hiddenStates.push(x);
  }
  const last = layerNorm(x, 'emb_layer_norm_after');
  const dims = ['batch', 'sequence', hidden];
  g.output('last_hidden_state', 'float32', dims, last);
  if (options.exportHiddenStates) hiddenStates.forEach((state, i) => g.output(`hidden_states.${i}`, 'float32', dims, state));
  return g.addMetadata({ 'seqatlas.graph': 'esm-like random-weight encoder', 'seqatlas.seed': String(seed) }).toBytes();
}
