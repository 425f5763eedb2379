import type { Tokenizer } from './tokenizers/tokenizer.ts';

export interface EncodedBatch {
  inputIds: BigInt64Array;
  attentionMask: BigInt64Array;
  /** 1 on content tokens only (not specials, not padding): what mean pooling averages. */
  contentMask: Uint8Array;
  batch: number;
  tokens: number;
}

/** Frames each row with the tokenizer's specials and pads to the longest row of this batch, not to maxTokens. */
export function encodeBatch(rows: readonly Int32Array[], tokenizer: Pick<Tokenizer, 'prefix' | 'suffix' | 'padId'>): EncodedBatch {
  const { prefix, suffix, padId } = tokenizer;
  let longest = 0;
  for (const row of rows) longest = Math.max(longest, row.length);
  const tokens = prefix.length + longest + suffix.length;
  const inputIds = new BigInt64Array(rows.length * tokens).fill(BigInt(padId));
  const attentionMask = new BigInt64Array(rows.length * tokens);
  const contentMask = new Uint8Array(rows.length * tokens);
  rows.forEach((row, r) => {
    let at = r * tokens;
    for (const id of prefix) {
      inputIds[at] = BigInt(id);
      attentionMask[at++] = 1n;
    }
    for (let i = 0; i < row.length; i += 1) {
      inputIds[at] = BigInt(row[i]!);
      attentionMask[at] = 1n;
      contentMask[at++] = 1;
    }
    for (const id of suffix) {
      inputIds[at] = BigInt(id);
      attentionMask[at++] = 1n;
    }
  });
  return { inputIds, attentionMask, contentMask, batch: rows.length, tokens };
}

/**
 * Splits content longer than the model's window into consecutive windows that fit with the specials. The embedder
 * averages the windows' vectors weighted by their token counts, so the whole sequence counts instead of being
 * silently truncated at maxTokens.
 */
export function chunkContent(ids: Int32Array, maxTokens: number, prefix: readonly number[], suffix: readonly number[]): Int32Array[] {
  const size = maxTokens - prefix.length - suffix.length;
  if (size <= 0) throw new Error(`maxTokens ${maxTokens} leaves no room for content between ${prefix.length + suffix.length} special tokens`);
  const chunks: Int32Array[] = [];
  for (let start = 0; start < ids.length; start += size) chunks.push(ids.subarray(start, start + size));
  return chunks;
}
