import type { ApiError, CallName, JobName } from '../main/api/contract/api-contract.ts';
import type { JobEvent } from '../main/api/job-events.ts';

/** Main process → engine worker (utility process). Requests arrive here already validated by the main process. */
export type ToWorker =
  | { type: 'call'; id: number; name: CallName; request: unknown }
  | { type: 'start'; id: number; name: JobName; request: unknown }
  | { type: 'cancel'; jobId: string }
  | { type: 'shutdown' };

/** Engine worker → main process. */
export type FromWorker =
  | { type: 'reply'; id: number; ok: true; result: unknown }
  | { type: 'reply'; id: number; ok: false; error: ApiError }
  | { type: 'event'; event: JobEvent }
  | { type: 'stopped' };
