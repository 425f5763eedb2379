import * as ort from 'onnxruntime-node';
import type { ModelBundle } from '../models/bundle-registry.ts';
import type { Tokenizer } from '../models/tokenizers/tokenizer.ts';
import { chunkContent, encodeBatch } from '../models/encode-batch.ts';
import { EngineError } from '../shared/engine-error.ts';
import { l2NormalizeRows, poolHiddenStates } from './pooling.ts';
import type { PlanItem } from './batch-planner.ts';

/** A sequence ready for the model: its chunks of content token ids (one chunk unless longer than maxTokens). */
export interface TokenizedSequence {
  chunks: Int32Array[];
  contentTokens: number;
}

export interface LayerSpec {
  id: number;
  output: string;
}

/**
 * Runs one bundle's ONNX session over batches of sequences and returns one pooled vector per sequence per layer.
 * Sequences longer than the model's window are split into consecutive chunks whose pooled vectors are averaged,
 * weighted by their content-token counts: the whole sequence contributes, nothing is silently cut off.
 */
export class SequenceEmbedder {
  private readonly idsInput: string;
  private readonly maskInput: string | null;

  constructor(
    readonly bundle: ModelBundle,
    private readonly tokenizer: Tokenizer,
    private readonly session: ort.InferenceSession,
    readonly layers: readonly LayerSpec[],
  ) {
    this.idsInput = bundle.manifest.inputs?.ids ?? 'input_ids';
    this.maskInput = bundle.manifest.inputs?.mask === null ? null : (bundle.manifest.inputs?.mask ?? 'attention_mask');
  }

  get dim(): number {
    return this.bundle.manifest.dim;
  }

  tokenize(sequence: string): TokenizedSequence {
    const content = this.tokenizer.encodeContent(sequence);
    const { maxTokens, long } = this.bundle.manifest;
    const budget = maxTokens - this.tokenizer.prefix.length - this.tokenizer.suffix.length;
    const chunks = content.length <= budget ? [content] : long === 'truncate' ? [content.subarray(0, budget)] : chunkContent(content, maxTokens, this.tokenizer.prefix, this.tokenizer.suffix);
    return { chunks, contentTokens: content.length };
  }

  planItem(tokenized: TokenizedSequence): PlanItem {
    const specials = this.tokenizer.prefix.length + this.tokenizer.suffix.length;
    let longest = 0;
    for (const chunk of tokenized.chunks) longest = Math.max(longest, chunk.length + specials);
    return { rows: tokenized.chunks.length, tokens: longest };
  }

  /** Embeds a batch; returns, per requested layer, a row-major [sequences × dim] Float32Array. */
  async embed(batch: readonly TokenizedSequence[]): Promise<Float32Array[]> {
    const rows: Int32Array[] = [];
    const owner: number[] = [];
    batch.forEach((sequence, index) => {
      for (const chunk of sequence.chunks) {
        rows.push(chunk);
        owner.push(index);
      }
    });
    const encoded = encodeBatch(rows, this.tokenizer);
    const feeds: Record<string, ort.Tensor> = {
      [this.idsInput]: new ort.Tensor('int64', encoded.inputIds, [encoded.batch, encoded.tokens]),
    };
    if (this.maskInput) feeds[this.maskInput] = new ort.Tensor('int64', encoded.attentionMask, [encoded.batch, encoded.tokens]);
    let outputs: ort.InferenceSession.OnnxValueMapType;
    try {
      outputs = await this.session.run(feeds, this.layers.map((layer) => layer.output));
    } catch (error) {
      throw new EngineError('model_failed', `model ${this.bundle.manifest.id} failed on a batch of ${batch.length} sequences: ${(error as Error).message.split('\n')[0]}`);
    }
    const { pooling, excludeSpecialTokens, normalize } = this.bundle.manifest;
    const poolMask = excludeSpecialTokens === false ? toUint8(encoded.attentionMask) : encoded.contentMask;
    return this.layers.map((layer) => {
      const tensor = outputs[layer.output];
      if (!tensor) throw new EngineError('model_failed', `model ${this.bundle.manifest.id} has no output "${layer.output}" (layer ${layer.id})`);
      const data = tensor.data as Float32Array;
      const pooled =
        pooling === 'none'
          ? checkPooledShape(this.bundle.manifest.id, layer, tensor.dims, encoded.batch, this.dim, data)
          : poolHiddenStates(checkHiddenShape(this.bundle.manifest.id, layer, tensor.dims, encoded.batch, encoded.tokens, this.dim, data), encoded.batch, encoded.tokens, this.dim, pooling, poolMask);
      const perSequence = combineChunks(pooled, rows, owner, batch.length, this.dim);
      if (normalize) l2NormalizeRows(perSequence, this.dim);
      assertFinite(this.bundle.manifest.id, layer, perSequence);
      return perSequence;
    });
  }
}

function toUint8(mask: BigInt64Array): Uint8Array {
  return Uint8Array.from(mask, (value) => Number(value));
}

function checkPooledShape(model: string, layer: LayerSpec, dims: readonly number[], rows: number, dim: number, data: Float32Array): Float32Array {
  if (dims.length !== 2 || dims[0] !== rows || dims[1] !== dim) {
    throw new EngineError('model_failed', `model ${model} output "${layer.output}" has shape [${dims.join(', ')}], expected [${rows}, ${dim}] (bundle.json pooling "none", dim ${dim})`);
  }
  return data;
}

function checkHiddenShape(model: string, layer: LayerSpec, dims: readonly number[], rows: number, tokens: number, dim: number, data: Float32Array): Float32Array {
  if (dims.length !== 3 || dims[0] !== rows || dims[1] !== tokens || dims[2] !== dim) {
    throw new EngineError('model_failed', `model ${model} output "${layer.output}" has shape [${dims.join(', ')}], expected [${rows}, ${tokens}, ${dim}] (bundle.json dim ${dim})`);
  }
  return data;
}

/** Weighted mean of chunk vectors per sequence, weights = content tokens in the chunk. */
function combineChunks(pooled: Float32Array, rows: readonly Int32Array[], owner: readonly number[], sequences: number, dim: number): Float32Array {
  if (rows.length === sequences) return pooled;
  const out = new Float32Array(sequences * dim);
  const weights = new Float64Array(sequences);
  rows.forEach((row, r) => {
    const s = owner[r]!;
    weights[s]! += row.length;
    for (let d = 0; d < dim; d += 1) out[s * dim + d]! += pooled[r * dim + d]! * row.length;
  });
  for (let s = 0; s < sequences; s += 1) for (let d = 0; d < dim; d += 1) out[s * dim + d]! /= weights[s]!;
  return out;
}

/** A NaN vector stored silently would poison every later lookup: fail the batch loudly instead. */
function assertFinite(model: string, layer: LayerSpec, vectors: Float32Array): void {
  for (let i = 0; i < vectors.length; i += 1) {
    if (!Number.isFinite(vectors[i]!)) throw new EngineError('model_failed', `model ${model} layer ${layer.id} produced a non-finite value; the bundle's model is broken or overflowed`);
  }
}
