import { randomUUID } from 'node:crypto';
import { isEngineError } from '../../shared/engine-error.ts';
import type { JobEvent } from '../job-events.ts';

/** Runs one job given its sink and abort signal; resolves with the job's result. */
export type JobWork = (emit: (event: JobEvent) => void, signal: AbortSignal) => Promise<unknown>;

interface JobEntry {
  events: JobEvent[];
  listeners: Set<(event: JobEvent) => void>;
  controller: AbortController;
  finished: boolean;
}

/** Events kept per job for late subscribers: progress events are coalesced, so this bounds memory, not history. */
const KEPT_EVENTS = 2000;

/**
 * The jobs of one host (the HTTP server, or Electron's job host): ids, the events each job emitted (replayed to late
 * subscribers), cancellation, and the closing `result`/`error` + `state` events every job ends with. Events carry
 * the registry's job id, whatever id the engine uses inside.
 */
export class JobRegistry {
  private readonly jobs = new Map<string, JobEntry>();

  start(work: JobWork): string {
    const jobId = randomUUID();
    const entry: JobEntry = { events: [], listeners: new Set(), controller: new AbortController(), finished: false };
    this.jobs.set(jobId, entry);
    const publish = (event: JobEvent) => this.publish(entry, { ...event, jobId });
    publish({ type: 'state', jobId, state: 'running' });
    void work(publish, entry.controller.signal).then(
      (result) => {
        // A job that returned its result is done, even when a cancel came after its last check (it finished first).
        publish({ type: 'result', jobId, result });
        publish({ type: 'state', jobId, state: 'done' });
      },
      (error: unknown) => {
        const cancelled = entry.controller.signal.aborted;
        publish({ type: 'error', jobId, code: isEngineError(error) ? error.code : cancelled ? 'cancelled' : 'internal', message: error instanceof Error ? error.message : String(error) });
        publish({ type: 'state', jobId, state: cancelled ? 'cancelled' : 'failed' });
      },
    ).finally(() => {
      entry.finished = true;
    });
    return jobId;
  }

  has(jobId: string): boolean {
    return this.jobs.has(jobId);
  }

  /** Asks the job to stop after its current batch is committed (resumable); false for an unknown job. */
  cancel(jobId: string): boolean {
    const entry = this.jobs.get(jobId);
    if (!entry) return false;
    entry.controller.abort();
    return true;
  }

  /** Replays the job's events so far, then streams new ones; returns the unsubscribe function. */
  subscribe(jobId: string, listener: (event: JobEvent) => void): () => void {
    const entry = this.jobs.get(jobId);
    if (!entry) return () => undefined;
    for (const event of entry.events) listener(event);
    entry.listeners.add(listener);
    return () => entry.listeners.delete(listener);
  }

  /** Jobs still running, for a graceful quit that lets them checkpoint. */
  running(): string[] {
    return [...this.jobs].filter(([, entry]) => !entry.finished).map(([id]) => id);
  }

  /** Cancels every running job and waits until each has committed its batch and ended. */
  async cancelAll(): Promise<void> {
    const waits = this.running().map((jobId) => new Promise<void>((done) => {
      const stop = this.subscribe(jobId, (event) => {
        if (event.type === 'state' && event.state !== 'running') {
          queueMicrotask(() => stop());
          done();
        }
      });
      this.cancel(jobId);
    }));
    await Promise.all(waits);
  }

  private publish(entry: JobEntry, event: JobEvent): void {
    const last = entry.events.at(-1);
    if (event.type === 'progress' && last?.type === 'progress' && last.stage === event.stage) entry.events[entry.events.length - 1] = event;
    else entry.events.push(event);
    if (entry.events.length > KEPT_EVENTS) entry.events.splice(1, entry.events.length - KEPT_EVENTS);
    for (const listener of entry.listeners) listener(event);
  }
}
