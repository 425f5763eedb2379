/**
 * Pools per-token hidden states [rows, tokens, dim] into one vector per row.
 * `mean` averages the tokens whose mask is 1 (content tokens, so padding never changes a sequence's embedding and
 * special tokens are left out when the bundle asks); `cls` takes the first token.
 */
export function poolHiddenStates(
  hidden: Float32Array,
  rows: number,
  tokens: number,
  dim: number,
  method: 'mean' | 'cls',
  mask: Uint8Array,
): Float32Array {
  const out = new Float32Array(rows * dim);
  for (let r = 0; r < rows; r += 1) {
    const target = out.subarray(r * dim, (r + 1) * dim);
    if (method === 'cls') {
      target.set(hidden.subarray(r * tokens * dim, r * tokens * dim + dim));
      continue;
    }
    let count = 0;
    for (let t = 0; t < tokens; t += 1) {
      if (mask[r * tokens + t] !== 1) continue;
      count += 1;
      const offset = (r * tokens + t) * dim;
      for (let d = 0; d < dim; d += 1) target[d]! += hidden[offset + d]!;
    }
    if (count > 0) for (let d = 0; d < dim; d += 1) target[d]! /= count;
  }
  return out;
}

export function l2NormalizeRows(vectors: Float32Array, dim: number): void {
  for (let offset = 0; offset < vectors.length; offset += dim) {
    let sum = 0;
    for (let d = 0; d < dim; d += 1) sum += vectors[offset + d]! * vectors[offset + d]!;
    const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
    for (let d = 0; d < dim; d += 1) vectors[offset + d]! *= scale;
  }
}
