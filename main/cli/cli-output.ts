import { isEngineError } from '../shared/engine-error.ts';
import type { JobEvent } from '../api/job-events.ts';
import { ProgressLine } from './progress-line.ts';

export const EXIT_OK = 0;
export const EXIT_ERROR = 1;
export const EXIT_USAGE = 2;

/** Where a command's events go: JSON lines on stdout with --json, else a progress line and warnings on stderr. */
export function eventPrinter(json: boolean): { emit: (event: JobEvent) => void; done: () => void } {
  const line = new ProgressLine();
  return {
    emit(event) {
      if (json) {
        process.stdout.write(`${JSON.stringify(event)}\n`);
        return;
      }
      if (event.type === 'progress') line.show(event);
      else if (event.type === 'warning') {
        line.clear();
        process.stderr.write(`warning: ${event.message}\n`);
      }
    },
    done: () => line.clear(),
  };
}

/** One clear line, never a stack trace; internal errors say so and where to look. */
export function reportError(error: unknown, json: boolean): number {
  const code = isEngineError(error) ? error.code : 'internal';
  const message = isEngineError(error)
    ? error.message
    : `internal error: ${(error as Error)?.message?.split('\n')[0] ?? String(error)} (set SEQATLAS_DEBUG=1 for the stack trace)`;
  if (process.env.SEQATLAS_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  if (json) process.stdout.write(`${JSON.stringify({ type: 'error', code, message })}\n`);
  else process.stderr.write(`error: ${message}\n`);
  return code === 'bad_request' ? EXIT_USAGE : EXIT_ERROR;
}

/** `part` as a percentage of `whole`, one decimal (0% of nothing). */
export const percentOf = (part: number, whole: number): string => `${((100 * part) / Math.max(1, whole)).toFixed(1)}%`;
