import type { z } from 'zod';
import { EngineError } from '../shared/engine-error.ts';

/**
 * Validates a request at the engine's edge. Every caller (CLI, IPC, HTTP) gets the same one-line error naming the
 * field, and nothing unvalidated reaches a stage.
 */
export function parseRequest<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const unknownKeys = issue.code === 'unrecognized_keys' ? ` ${(issue as { keys: string[] }).keys.map((k) => `"${k}"`).join(', ')}` : '';
  const path = issue.path.length > 0 ? `field "${issue.path.join('.')}"` : 'request';
  throw new EngineError('bad_request', `${what}: ${path}: ${issue.message}${unknownKeys && !issue.message.includes('"') ? unknownKeys : ''}`);
}
