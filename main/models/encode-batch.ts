import { EngineError } from '../shared/engine-error.ts';
import type { Tokenizer } from './tokenizers/tokenizer.ts';

export interface EncodedBatch {
  /** [batch × tokens] row-major, as the model's int64 input_ids. */
  inputIds: BigInt64Array;
  /** 1 on real tokens (specials and content), 0 on padding. */
  attentionMask: BigInt64Array;
  /** 1 on content tokens only (not specials, not padding): what mean pooling averages when specials are excluded. */
  contentMask: Uint8Array;
  batch: number;
  tokens: number;
}

/**
 * Frames each row of content ids with the tokenizer's specials (prefix + content + suffix) and pads every row to
 * the longest row of THIS batch, not to maxTokens: padding costs model time, and batches are planned by length.
 */
export function encodeBatch(rows: readonly Int32Array[], tokenizer: Pick<Tokenizer, 'prefix' | 'suffix' | 'padId'>): EncodedBatch {
  const { prefix, suffix, padId } = tokenizer;
  let longest = 0;
  for (const row of rows) longest = Math.max(longest, row.length);
  const tokens = prefix.length + longest + suffix.length;
  const inputIds = new BigInt64Array(rows.length * tokens).fill(BigInt(padId));
  const attentionMask = new BigInt64Array(rows.length * tokens);
  const contentMask = new Uint8Array(rows.length * tokens);
  for (let r = 0; r < rows.length; r += 1) {
    const row = rows[r]!;
    let at = r * tokens;
    for (const id of prefix) {
      inputIds[at] = BigInt(id);
      attentionMask[at++] = 1n;
    }
    contentMask.fill(1, at, at + row.length);
    for (let i = 0; i < row.length; i += 1, at += 1) {
      inputIds[at] = BigInt(row[i]!);
      attentionMask[at] = 1n;
    }
    for (const id of suffix) {
      inputIds[at] = BigInt(id);
      attentionMask[at++] = 1n;
    }
  }
  return { inputIds, attentionMask, contentMask, batch: rows.length, tokens };
}

/**
 * Splits content ids that do not fit the model's window (maxTokens minus the specials) into consecutive windows,
 * each of which gets the full framing when encoded. The embedder averages the windows' pooled vectors weighted by
 * their content-token counts, so a long sequence is embedded whole instead of being silently truncated at
 * maxTokens. Windows are filled in order, the last one taking the rest; its small weight keeps a short tail from
 * pulling the average.
 */
export function chunkContent(ids: Int32Array, maxTokens: number, prefix: readonly number[], suffix: readonly number[]): Int32Array[] {
  const room = maxTokens - prefix.length - suffix.length;
  if (room <= 0) {
    throw new EngineError('invalid_bundle', `maxTokens ${maxTokens} leaves no room for content beside the tokenizer's ${prefix.length + suffix.length} special tokens`);
  }
  const chunks: Int32Array[] = [];
  for (let start = 0; start < ids.length; start += room) chunks.push(ids.subarray(start, start + room));
  return chunks;
}
