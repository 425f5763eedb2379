export type GraphBuildErrorCode = 'invalid_option' | 'duplicate_name' | 'shape_mismatch' | 'invalid_attribute' | 'invalid_model';

/** Why a graph could not be built: a bad option, a name used twice, data that does not fit its shape. */
export class GraphBuildError extends Error {
  override readonly name = 'GraphBuildError';
  constructor(readonly code: GraphBuildErrorCode, message: string) {
    super(message);
  }
}

/** Throws `invalid_option` unless `value` is an integer ≥ `min` (sizes, counts, ids). */
export function requireInteger(graph: string, field: string, value: number, min = 1): void {
  if (!Number.isSafeInteger(value) || value < min) {
    throw new GraphBuildError('invalid_option', `${graph}: ${field} must be an integer ≥ ${min}, got ${value}`);
  }
}
