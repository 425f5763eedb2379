import { uniformFloats } from '../onnx/seeded-random.ts';

/** C = Aᵀ·B or A·B for row-major dense matrices; the fit hands this to onnxruntime (≈100× a JavaScript loop). */
export type MatMul = (a: Float32Array, aRows: number, aCols: number, b: Float32Array, bCols: number, transposeA?: boolean) => Promise<Float32Array>;

/**
 * An orthonormal basis (n × d) of the dominant d-dimensional eigenspace of the symmetric PSD matrix `g` (n × n),
 * by subspace iteration with Cholesky-QR re-orthonormalisation. Only the subspace matters for the embedder: cosine
 * similarity of projected vectors is unchanged by any rotation within it, so no Rayleigh–Ritz step is needed.
 */
export async function dominantSubspace(g: Float32Array, n: number, d: number, matmul: MatMul, iterations = 12, seed = 1): Promise<Float32Array> {
  let q = uniformFloats(n * d, seed);
  q = await orthonormalize(q, n, d, matmul);
  for (let i = 0; i < iterations; i += 1) {
    q = await matmul(g, n, n, q, d);
    q = await orthonormalize(q, n, d, matmul);
  }
  return q;
}

/** Cholesky-QR applied twice (CholQR2): numerically sound for the well-conditioned blocks subspace iteration makes. */
async function orthonormalize(q: Float32Array, n: number, d: number, matmul: MatMul): Promise<Float32Array> {
  let current = q;
  for (let pass = 0; pass < 2; pass += 1) {
    const gram = await matmul(current, n, d, current, d, true);
    const inverseUpper = invertUpperTriangular(choleskyUpper(gram, d), d);
    current = await matmul(current, n, d, inverseUpper, d);
  }
  return current;
}

/** R with RᵀR = A (A symmetric positive definite, d × d), in float64. */
function choleskyUpper(a: Float32Array, d: number): Float64Array {
  const r = new Float64Array(d * d);
  for (let j = 0; j < d; j += 1) {
    let diagonal = a[j * d + j]!;
    for (let k = 0; k < j; k += 1) diagonal -= r[k * d + j]! ** 2;
    const rjj = Math.sqrt(Math.max(diagonal, 1e-30));
    r[j * d + j] = rjj;
    for (let i = j + 1; i < d; i += 1) {
      let value = a[j * d + i]!;
      for (let k = 0; k < j; k += 1) value -= r[k * d + j]! * r[k * d + i]!;
      r[j * d + i] = value / rjj;
    }
  }
  return r;
}

function invertUpperTriangular(r: Float64Array, d: number): Float32Array {
  const inverse = new Float64Array(d * d);
  for (let j = d - 1; j >= 0; j -= 1) {
    inverse[j * d + j] = 1 / r[j * d + j]!;
    for (let i = j - 1; i >= 0; i -= 1) {
      let sum = 0;
      for (let k = i + 1; k <= j; k += 1) sum += r[i * d + k]! * inverse[k * d + j]!;
      inverse[i * d + j] = -sum / r[i * d + i]!;
    }
  }
  return Float32Array.from(inverse);
}
