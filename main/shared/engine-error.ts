/**
 * The one error type that crosses the engine's boundary. `code` is stable (tests, the CLI's exit codes and the UI
 * switch on it); `message` is one line a field researcher can act on, naming the file, record or field at fault.
 */
export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

export type EngineErrorCode =
  | 'bad_request'
  | 'input_unreadable'
  | 'no_records_accepted'
  | 'input_changed'
  | 'import_unfinished'
  | 'unknown_model'
  | 'invalid_bundle'
  | 'model_failed'
  | 'model_changed'
  | 'provider_unavailable'
  | 'store_missing'
  | 'store_not_a_store'
  | 'store_too_new'
  | 'store_corrupt'
  | 'store_locked'
  | 'store_write_failed'
  | 'unknown_dataset'
  | 'unknown_layer'
  | 'wrong_alphabet'
  | 'h5_invalid'
  | 'invalid_labels'
  | 'invalid_ontology'
  | 'invalid_config'
  | 'unknown_reference'
  | 'reference_exists'
  | 'reference_mismatch'
  | 'cancelled';

export function isEngineError(error: unknown): error is EngineError {
  return error instanceof EngineError;
}
