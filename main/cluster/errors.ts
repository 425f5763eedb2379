/** Typed error for bad input to the clustering module (one-line message naming the offending item). */
export type ClusterInputErrorCode = 'non_finite' | 'invalid_shape' | 'invalid_option';

export class ClusterInputError extends Error {
  readonly code: ClusterInputErrorCode;
  constructor(code: ClusterInputErrorCode, message: string) {
    super(message);
    this.name = 'ClusterInputError';
    this.code = code;
  }
}
