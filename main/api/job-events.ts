import { z } from 'zod';

/** Everything a running job tells its caller (CLI progress bar, `--json` lines, IPC, HTTP), as one schema. */
export const JobEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('progress'),
    jobId: z.string(),
    stage: z.enum(['prepare', 'labels', 'embed', 'lookup', 'align', 'neighbours', 'map', 'cluster', 'finalize', 'export', 'import', 'merge', 'filter']),
    done: z.number(),
    total: z.number().nullable(),
    unit: z.string(),
    rate: z.number(),
    eta: z.number().nullable(),
  }),
  z.object({ type: z.literal('log'), jobId: z.string(), level: z.enum(['debug', 'info']), message: z.string() }),
  z.object({ type: z.literal('warning'), jobId: z.string(), message: z.string() }),
  z.object({ type: z.literal('state'), jobId: z.string(), state: z.enum(['running', 'paused', 'done', 'failed', 'cancelled']) }),
  z.object({ type: z.literal('result'), jobId: z.string(), result: z.unknown() }),
  z.object({ type: z.literal('error'), jobId: z.string(), code: z.string(), message: z.string() }),
]);
export type JobEvent = z.infer<typeof JobEvent>;

export type EventSink = (event: JobEvent) => void;

/** Pause/cancel as the job sees them: it checks between batches, after each commit, so a stop never splits one. */
export interface JobControl {
  signal: AbortSignal;
  /** Resolves at once when running; waits while the caller has paused the job. */
  waitIfPaused(): Promise<void>;
}

/** What a job is run with: where its events go, and its pause and cancel. */
export interface JobContext {
  emit: EventSink;
  control: JobControl;
}

export const runningControl = (signal: AbortSignal = new AbortController().signal): JobControl => ({
  signal,
  waitIfPaused: async () => undefined,
});
