import { GraphBuilder } from '../onnx/graph-builder.ts';
import { normalFloats } from '../onnx/seeded-random.ts';

export interface EsmLikeOptions {
  vocabSize: number;
  hidden: number;
  layers: number;
  heads: number;
  intermediate: number;
  maxPositions: number;
  padTokenId: number;
  seed: number;
  /** Also output `hidden_states.0` … `hidden_states.{layers-1}`. */
  exportHiddenStates?: boolean;
}

/**
 * A random-weight encoder shaped like ESM-2 / Nucleotide Transformer as Hugging Face exports them:
 * inputs `input_ids` and `attention_mask` [batch, seq]; token + learned absolute position embeddings; pre-LayerNorm
 * blocks (self-attention with padded keys masked out, GELU MLP, residuals); final LayerNorm → `last_hidden_state`.
 * With `exportHiddenStates`, `hidden_states.i` is HF's hidden_states[i]: i = 0 the embedding output, i = 1…L-1 the
 * block outputs; HF's hidden_states[L] is the final LayerNorm output, i.e. `last_hidden_state`.
 * Used by tests (shapes, masking, layer selection) and the throughput bench (at NT-50M size); its weights are noise.
 */
export function buildEsmLikeGraph(options: EsmLikeOptions): Uint8Array {
  const { vocabSize, hidden, layers, heads, intermediate, maxPositions, seed } = options;
  if (hidden % heads !== 0) throw new Error(`hidden ${hidden} is not a multiple of heads ${heads}`);
  const headDim = hidden / heads;
  let nextSeed = seed;
  const weights = (name: string, dims: number[]) => {
    nextSeed += 1;
    return g.initializer(name, 'float32', dims, normalFloats(dims.reduce((a, b) => a * b, 1), 0.02, nextSeed));
  };
  const constant = (name: string, dims: number[], value: number) => g.initializer(name, 'float32', dims, new Float32Array(dims.reduce((a, b) => a * b, 1)).fill(value));
  const layerNorm = (x: string, name: string) => g.op('LayerNormalization', [x, constant(`${name}.weight`, [hidden], 1), constant(`${name}.bias`, [hidden], 0)], { axis: -1, epsilon: { float: 1e-5 } });
  const linear = (x: string, name: string, inputs: number, outputs: number) => g.op('Add', [g.op('MatMul', [x, weights(`${name}.weight`, [inputs, outputs])]), constant(`${name}.bias`, [outputs], 0)]);

  const g = new GraphBuilder('esm_like_encoder');
  const ids = g.input('input_ids', 'int64', ['batch', 'sequence']);
  const mask = g.input('attention_mask', 'int64', ['batch', 'sequence']);
  const tokens = g.op('Gather', [weights('embeddings.word', [vocabSize, hidden]), ids]);
  const length = g.op('Gather', [g.op('Shape', [ids]), g.int64s([1], 'seq_axis', true)], { axis: 0 });
  const positions = g.op('Range', [g.int64s([0], 'zero', true), length, g.int64s([1], 'one', true)]);
  let x = g.op('Add', [tokens, g.op('Gather', [weights('embeddings.position', [maxPositions, hidden]), positions])]);

  // Additive attention bias: 0 for real keys, -1e9 for padding, shaped [batch, 1, 1, seq] to broadcast over heads and queries.
  const keep = g.op('Cast', [mask], { to: 1 });
  const bias = g.op('Unsqueeze', [g.op('Mul', [g.op('Sub', [g.float(1, 'one_f'), keep]), g.float(-1e9, 'neg_inf')]), g.int64s([1, 2], 'bias_axes')]);
  const splitHeads = g.int64s([0, 0, heads, headDim], 'split_heads');
  const mergeHeads = g.int64s([0, 0, hidden], 'merge_heads');
  const scale = g.float(1 / Math.sqrt(headDim), 'scale');

  const hiddenStates: string[] = [x];
  for (let l = 0; l < layers; l += 1) {
    const p = `layer.${l}`;
    const h = layerNorm(x, `${p}.attention.norm`);
    const project = (name: string, perm: number[]) => g.op('Transpose', [g.op('Reshape', [linear(h, `${p}.attention.${name}`, hidden, hidden), splitHeads])], { perm });
    const q = project('query', [0, 2, 1, 3]);
    const k = project('key', [0, 2, 3, 1]);
    const v = project('value', [0, 2, 1, 3]);
    const scores = g.op('Add', [g.op('Mul', [g.op('MatMul', [q, k]), scale]), bias]);
    const context = g.op('MatMul', [g.op('Softmax', [scores], { axis: -1 }), v]);
    const merged = g.op('Reshape', [g.op('Transpose', [context], { perm: [0, 2, 1, 3] }), mergeHeads]);
    x = g.op('Add', [x, linear(merged, `${p}.attention.output`, hidden, hidden)]);
    const up = linear(layerNorm(x, `${p}.mlp.norm`), `${p}.mlp.up`, hidden, intermediate);
    const gelu = g.op('Mul', [g.op('Mul', [up, g.float(0.5, 'half')]), g.op('Add', [g.float(1, 'one_g'), g.op('Erf', [g.op('Div', [up, g.float(Math.SQRT2, 'sqrt2')])])])]);
    x = g.op('Add', [x, linear(gelu, `${p}.mlp.down`, intermediate, hidden)]);
    hiddenStates.push(x);
  }
  g.op('Identity', [layerNorm(x, 'final.norm')], {}, 'last_hidden_state');
  g.output('last_hidden_state', 'float32', ['batch', 'sequence', hidden]);
  if (options.exportHiddenStates) {
    hiddenStates.slice(0, layers).forEach((state, i) => {
      g.op('Identity', [state], {}, `hidden_states.${i}`);
      g.output(`hidden_states.${i}`, 'float32', ['batch', 'sequence', hidden]);
    });
  }
  return g.toBytes({ 'seqatlas.graph': 'esm-like random-weight encoder', 'seqatlas.seed': String(seed) });
}
