/**
 * An L2-normalised copy of n row-major rows (a zero row stays zero). On unit rows the squared Euclidean distance
 * is 2(1 − cos), so Euclidean methods (HDBSCAN) keep cosine's order of neighbours.
 */
export function unitRows(vectors: Float32Array, n: number, dim: number): Float32Array {
  const out = new Float32Array(vectors.length);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let d = 0; d < dim; d++) sum += vectors[i * dim + d]! ** 2;
    const scale = sum > 0 ? 1 / Math.sqrt(sum) : 0;
    for (let d = 0; d < dim; d++) out[i * dim + d] = vectors[i * dim + d]! * scale;
  }
  return out;
}
