import { GraphBuildError, requireInteger } from '../onnx/graph-build-error.ts';
import { attr, dataTypeOf, GraphBuilder } from '../onnx/graph-builder.ts';
import { toFloat16Bits } from '../onnx/float16.ts';

export interface KmerEmbedderOptions {
  vocabSize: number;
  dim: number;
  /** vocabSize × dim, row-major: row v is the vector of k-mer id v. */
  weights: Float32Array;
  /** How the table is stored in the file; float16 halves the file, the arithmetic stays float32. */
  weightsDtype?: 'float32' | 'float16';
  /** metadata_props of the model, e.g. the bundle's provenance. */
  metadata?: Record<string, string>;
}

/**
 * The k-mer embedders' graph. Inputs `input_ids` and `attention_mask`, int64 [batch, tokens] (mask 1 = real
 * token, 0 = padding; padded ids must still be valid ids, 0 will do). Output `embedding`, float32 [batch, dim]:
 *   L2-normalise( Σ_t mask[b,t]·W[ids[b,t]] / max(Σ_t mask[b,t], 1) ),
 * where the norm is floored at 1e-12 so an all-zero sum gives zeros, not NaN.
 *
 * The masked sum is computed as counts·W: the mask is scatter-added into per-row k-mer counts [batch, vocab] and
 * multiplied by the table in one GEMM. A Gather of W[ids] would materialise batch × tokens × dim floats (512 MB for
 * one 256 × 1,000-token batch at 512 dimensions) only to sum them away; the counts are batch × vocab and the
 * product runs at matrix-multiply speed. With float16 weights the table is Cast to float32 before the product
 * (onnxruntime folds that Cast once, when the session is created).
 */
export function buildKmerEmbedderGraph(options: KmerEmbedderOptions): Uint8Array {
  const { vocabSize, dim, weights } = options;
  requireInteger('k-mer embedder', 'vocabSize', vocabSize);
  requireInteger('k-mer embedder', 'dim', dim);
  if (weights.length !== vocabSize * dim) {
    throw new GraphBuildError('invalid_option', `k-mer embedder: weights has ${weights.length} values, expected vocabSize × dim = ${vocabSize * dim}`);
  }
  const float = dataTypeOf('float32');
  const g = new GraphBuilder('kmer_embedder');
  const ids = g.input('input_ids', 'int64', ['batch', 'tokens']);
  const mask = g.input('attention_mask', 'int64', ['batch', 'tokens']);
  const table =
    options.weightsDtype === 'float16'
      ? g.op('Cast', [g.initializer('kmer_table_fp16', [vocabSize, dim], toFloat16Bits(weights))], { to: float })
      : g.initializer('kmer_table', [vocabSize, dim], weights);

  const maskFloat = g.op('Cast', [mask], { to: float });
  const countsShape = g.op('Concat', [g.op('Shape', [ids], { start: 0, end: 1 }), g.int64s([vocabSize], { prefix: 'vocab' })], { axis: 0 });
  const zeros = g.op('ConstantOfShape', [countsShape], { value: attr.tensor([1], Float32Array.of(0)) });
  const counts = g.op('ScatterElements', [zeros, ids, maskFloat], { axis: 1, reduction: 'add' });
  const sums = g.op('MatMul', [counts, table]);

  const tokens = g.op('ReduceSum', [maskFloat, g.int64s([1], { prefix: 'token_axis' })], { keepdims: 1 });
  const mean = g.op('Div', [sums, g.op('Max', [tokens, g.scalar(1, 'one')])]);
  const norm = g.op('Sqrt', [g.op('ReduceSumSquare', [mean], { axes: [1], keepdims: 1 })]);
  const normalised = g.op('Div', [mean, g.op('Max', [norm, g.scalar(1e-12, 'norm_floor')])]);
  g.output('embedding', 'float32', ['batch', dim], normalised);
  return g.addMetadata(options.metadata ?? {}).toBytes();
}
