import { expect } from 'vitest';
import { EngineError } from '../../main/shared/engine-error.ts';

/** `work` fails with an EngineError of `code` whose one-line message matches `message`. */
export async function expectEngineError(work: Promise<unknown>, code: string, message: RegExp): Promise<void> {
  const error = await work.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(EngineError);
  expect((error as EngineError).code).toBe(code);
  expect((error as EngineError).message).toMatch(message);
  expect((error as EngineError).message).not.toContain('\n');
}
