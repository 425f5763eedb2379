import { LookupInputError } from './lookup-error.ts';
import type { Metric } from './metric.ts';

function requirePositiveInteger(field: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new LookupInputError('bad_option', `lookup: ${field} must be a positive integer, got ${value}`);
}

/**
 * Checks a row-major [count, dim] block of vectors and, for cosine, returns an L2-normalised copy: the search
 * graph ranks by plain dot products, so unit rows are what make those products cosines. A zero row stays zero
 * (cosine distance 1 to everything) rather than becoming NaN. `what` names the rows in error messages.
 */
export function prepareRows(vectors: Float32Array, count: number, dim: number, metric: Metric, what: string): Float32Array {
  if (!Number.isInteger(count) || count < 0) throw new LookupInputError('bad_shape', `lookup: ${what} count must be a non-negative integer, got ${count}`);
  requirePositiveInteger(`${what} dim`, dim);
  if (vectors.length !== count * dim) {
    throw new LookupInputError('bad_shape', `lookup: ${what} hold ${vectors.length} values, expected ${count} rows × ${dim} dims = ${count * dim}`);
  }
  // One pass over the values for both checks: a row's sum of squares is finite exactly when all its values are
  // (float32 values cannot overflow it), so only a failing row is searched for the value to name.
  const norms = new Float64Array(count);
  for (let row = 0; row < count; row += 1) {
    const start = row * dim;
    let sumSquares = 0;
    for (let d = start; d < start + dim; d += 1) sumSquares += vectors[d]! * vectors[d]!;
    if (!Number.isFinite(sumSquares)) {
      const d = vectors.subarray(start, start + dim).findIndex((v) => !Number.isFinite(v));
      throw new LookupInputError('non_finite', `lookup: ${what} row ${row} has a non-finite value (${vectors[start + d]}) in dimension ${d}`);
    }
    norms[row] = sumSquares;
  }
  if (metric !== 'cosine') return vectors;
  const unit = new Float32Array(vectors.length);
  for (let row = 0; row < count; row += 1) {
    const start = row * dim;
    const scale = norms[row]! > 0 ? 1 / Math.sqrt(norms[row]!) : 0;
    for (let d = start; d < start + dim; d += 1) unit[d] = vectors[d]! * scale;
  }
  return unit;
}

/**
 * The reference vectors of a lookup, checked once and kept in the form the search graph wants. For cosine the
 * rows are a normalised copy; for euclidean the caller's array is used as is (not copied, to halve the memory of
 * a large reference set), so the caller must not change it while the matrix is in use.
 */
export class ReferenceMatrix {
  private constructor(
    private readonly rows: Float32Array,
    readonly count: number,
    readonly dim: number,
    readonly metric: Metric,
  ) {}

  static fromRows(vectors: Float32Array, count: number, dim: number, metric: Metric): ReferenceMatrix {
    return new ReferenceMatrix(prepareRows(vectors, count, dim, metric, 'reference'), count, dim, metric);
  }

  /** Rows [start, end) as a view, without copying. */
  chunk(start: number, end: number): Float32Array {
    return this.rows.subarray(start * this.dim, end * this.dim);
  }
}
