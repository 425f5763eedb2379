/** The given rows of a row-major block of `dim`-wide vectors, packed in that order (queries for a search). */
export function gatherRows(vectors: Float32Array, rows: ArrayLike<number>, dim: number): Float32Array {
  const packed = new Float32Array(rows.length * dim);
  for (let i = 0; i < rows.length; i += 1) packed.set(vectors.subarray(rows[i]! * dim, (rows[i]! + 1) * dim), i * dim);
  return packed;
}
