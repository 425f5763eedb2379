import type { JobName } from '../../../main/api/contract/api-contract.ts';

/**
 * The last request of a job that did not finish (paused, failed, or stopped by quitting), per store, in
 * localStorage: after a reload or a restart the Run screen can resume it, and the engine continues after the
 * job's last committed batch. Removed once the job is done or the user cancels it.
 */
export interface InterruptedJob {
  job: JobName;
  request: unknown;
  /** The job's id on the host that ran it: reattached to while that host still knows it (a page reload). */
  jobId: string | null;
}

const key = (store: string) => `seqatlas.interruptedJob:${store}`;

export function readInterrupted(store: string | null): InterruptedJob | null {
  if (!store) return null;
  try {
    const saved = JSON.parse(localStorage.getItem(key(store)) ?? 'null') as InterruptedJob | null;
    return saved && typeof saved.job === 'string' ? saved : null;
  } catch {
    return null; // a hand-edited or truncated entry: nothing to resume
  }
}

export function keepInterrupted(store: string | null, job: InterruptedJob): void {
  if (store) localStorage.setItem(key(store), JSON.stringify(job));
}

export function forgetInterrupted(store: string | null): void {
  if (store) localStorage.removeItem(key(store));
}
