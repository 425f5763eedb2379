/**
 * Inverse document frequency over count profiles (rows × vocab): idf = ln((1 + N) / (1 + df)) + 1, the smoothed form
 * that keeps k-mers seen in every sequence at weight 1 instead of 0 (they still carry composition).
 */
export function inverseDocumentFrequency(profiles: Float32Array, rows: number, vocab: number): Float32Array {
  const df = new Float64Array(vocab);
  for (let r = 0; r < rows; r += 1) {
    const offset = r * vocab;
    for (let v = 0; v < vocab; v += 1) if (profiles[offset + v]! > 0) df[v]! += 1;
  }
  return Float32Array.from(df, (d) => Math.log((1 + rows) / (1 + d)) + 1);
}

/** In place: counts → term frequency × idf, each row L2-normalised (cosine geometry for the SVD). */
export function applyTfIdf(profiles: Float32Array, rows: number, vocab: number, idf: Float32Array): void {
  for (let r = 0; r < rows; r += 1) {
    const row = profiles.subarray(r * vocab, (r + 1) * vocab);
    let total = 0;
    for (let v = 0; v < vocab; v += 1) total += row[v]!;
    let norm = 0;
    for (let v = 0; v < vocab; v += 1) {
      const value = total > 0 ? (row[v]! / total) * idf[v]! : 0;
      row[v] = value;
      norm += value * value;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let v = 0; v < vocab; v += 1) row[v]! *= scale;
  }
}
