/**
 * Squared Euclidean distance between row `a` of `xs` and row `b` of `ys` (both row-major with `dim` columns).
 * Float64Array only, so the JIT keeps this hot loop monomorphic.
 */
export function squaredDistance(xs: Float64Array, a: number, ys: Float64Array, b: number, dim: number): number {
  let i = a * dim;
  let j = b * dim;
  const end = i + dim;
  // Four accumulators let the JIT overlap the dependent additions of high-dimensional rows.
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (; i + 3 < end; i += 4, j += 4) {
    const d0 = xs[i]! - ys[j]!;
    const d1 = xs[i + 1]! - ys[j + 1]!;
    const d2 = xs[i + 2]! - ys[j + 2]!;
    const d3 = xs[i + 3]! - ys[j + 3]!;
    s0 += d0 * d0; s1 += d1 * d1; s2 += d2 * d2; s3 += d3 * d3;
  }
  for (; i < end; i++, j++) {
    const d = xs[i]! - ys[j]!;
    s0 += d * d;
  }
  return s0 + s1 + s2 + s3;
}
