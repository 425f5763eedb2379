import { GraphBuilder } from '../onnx/graph-builder.ts';
import { toFloat16Bits } from '../onnx/float16.ts';

export interface KmerEmbedderOptions {
  vocabSize: number;
  dim: number;
  /** vocabSize × dim, row-major: row v is the contribution of k-mer id v. */
  weights: Float32Array;
  weightsDtype?: 'float32' | 'float16';
  metadata?: Record<string, string>;
}

/**
 * The bundled k-mer embedders' graph: token ids [batch, tokens] + attention mask → L2-normalised embedding [batch, dim]
 * equal to normalise(Σ_t mask·W[id_t]) (the mean over tokens and the sum differ only by a factor that the
 * normalisation removes).
 * Instead of Gather (which would materialise batch × tokens × dim floats: 512 MB for one 256 × 1,000-token batch
 * at 512 dimensions) the graph scatter-adds the mask into per-row k-mer counts [batch, vocab] and multiplies them
 * by W in one GEMM: same result, memory bounded by batch × vocab, and the product runs at matrix-multiply speed.
 */
export function buildKmerEmbedderGraph(options: KmerEmbedderOptions): Uint8Array {
  const { vocabSize, dim, weights } = options;
  if (weights.length !== vocabSize * dim) throw new Error(`k-mer embedder: ${weights.length} weights for ${vocabSize} × ${dim}`);
  const g = new GraphBuilder('kmer_embedder');
  const ids = g.input('input_ids', 'int64', ['batch', 'tokens']);
  const mask = g.input('attention_mask', 'int64', ['batch', 'tokens']);
  const table =
    options.weightsDtype === 'float16'
      ? g.op('Cast', [g.initializer('kmer_table_fp16', 'float16', [vocabSize, dim], toFloat16Bits(weights))], { to: 1 })
      : g.initializer('kmer_table', 'float32', [vocabSize, dim], weights);
  const maskFloat = g.op('Cast', [mask], { to: 1 });
  const batch = g.op('Gather', [g.op('Shape', [ids]), g.int64s([0], 'batch_axis')], { axis: 0 });
  const countsShape = g.op('Concat', [batch, g.int64s([vocabSize], 'vocab')], { axis: 0 });
  const zeros = g.op('ConstantOfShape', [countsShape], { value: { tensor: { dataType: 1, dims: [1], floatData: [0] } } });
  const counts = g.op('ScatterElements', [zeros, ids, maskFloat], { axis: 1, reduction: 'add' });
  const summed = g.op('MatMul', [counts, table]);
  const squared = g.op('ReduceSumSquare', [summed], { axes: [1], keepdims: 1 });
  const norm = g.op('Max', [g.op('Sqrt', [squared]), g.float(1e-12, 'eps')]);
  g.op('Div', [summed, norm], {}, 'embedding');
  g.output('embedding', 'float32', ['batch', dim]);
  return g.toBytes(options.metadata);
}
