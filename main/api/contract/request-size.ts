import { EngineError } from '../../shared/engine-error.ts';

/**
 * Largest request any transport accepts (1 MiB of JSON): requests carry paths and settings, never data (files go
 * through the upload route or are picked on disk), so anything larger is a bug or an attack and is refused before a
 * schema or the engine spends time on it.
 */
export const MAX_REQUEST_BYTES = 1 << 20;

/** Refuses a structured-clone/JSON request larger than MAX_REQUEST_BYTES; `what` names the call in the error. */
export function assertRequestSize(request: unknown, what: string): void {
  let text: string | undefined;
  try {
    text = JSON.stringify(request);
  } catch {
    throw new EngineError('bad_request', `${what}: request is not plain data`);
  }
  if (text !== undefined && Buffer.byteLength(text) > MAX_REQUEST_BYTES) {
    throw new EngineError('bad_request', `${what}: request is larger than ${MAX_REQUEST_BYTES >> 20} MiB; requests carry paths and settings, not data`);
  }
}
