import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobName, JobRequest, JobResult } from '../../../main/api/contract/api-contract.ts';
import type { JobEvent } from '../../../main/api/job-events.ts';
import { useApp } from './app-context.ts';
import { forgetInterrupted, keepInterrupted, readInterrupted } from './interrupted-job.ts';

export type ProgressEvent = Extract<JobEvent, { type: 'progress' }>;
export type JobState = 'idle' | 'starting' | 'running' | 'paused' | 'done' | 'failed' | 'cancelled';

export interface JobView<N extends JobName> {
  state: JobState;
  /** Latest progress per stage, in the order stages started. */
  stages: ProgressEvent[];
  messages: { level: 'warning' | 'info'; text: string }[];
  result: JobResult<N> | null;
  error: string | null;
  /** A request to resume: the last one started, or the store's interrupted job of this kind. */
  resumable: boolean;
  start(request: JobRequest<N>): void;
  /** Stops after the current batch is committed; the request is kept (also across reloads) for resume. */
  pause(): void;
  /** Runs the last request again: the engine skips the committed batches and continues after the checkpoint. */
  resume(): void;
  /** Stops like pause, and forgets the request. */
  cancel(): void;
}

type View<N extends JobName> = Pick<JobView<N>, 'state' | 'stages' | 'messages' | 'result' | 'error'>;
const fresh = <N extends JobName>(state: JobState): View<N> => ({ state, stages: [], messages: [], result: null, error: null });

/**
 * One job of the contract, started from a screen and followed through its events. Pause is the engine's own
 * resumable stop (cancel after a committed batch); a stop the user did not ask to cancel (pause, quitting the app,
 * stopping the server) is shown as "paused" and can be resumed.
 */
export function useJob<N extends JobName>(name: N, onResult?: (result: JobResult<N>) => void): JobView<N> {
  const { host, store } = useApp();
  const [saved] = useState(() => readInterrupted(store));
  const own = saved?.job === name ? saved : null;
  const [view, setView] = useState<View<N>>(() => fresh(own ? 'paused' : 'idle'));
  const jobId = useRef<string | null>(own?.jobId ?? null);
  const lastRequest = useRef<JobRequest<N> | null>((own?.request as JobRequest<N> | undefined) ?? null);
  const cancelling = useRef(false);
  const unsubscribe = useRef<() => void>(() => undefined);
  const resultCallback = useRef(onResult);
  resultCallback.current = onResult;

  const onEvent = useCallback((event: JobEvent, reattached = false) => {
    if (event.type === 'state' && event.state === 'done') forgetInterrupted(store);
    setView((v) => {
      switch (event.type) {
        case 'progress': {
          const at = v.stages.findIndex((s) => s.stage === event.stage);
          const stages = at < 0 ? [...v.stages, event] : v.stages.map((s, i) => (i === at ? event : s));
          // Reattached to a job that still runs on a host that does not replay its start (the desktop window after a reload).
          return { ...v, stages, state: v.state === 'paused' ? 'running' : v.state };
        }
        case 'warning':
          return { ...v, messages: [...v.messages, { level: 'warning', text: event.message }] };
        case 'log':
          return event.level === 'info' ? { ...v, messages: [...v.messages, { level: 'info', text: event.message }] } : v;
        case 'result':
          queueMicrotask(() => resultCallback.current?.(event.result as JobResult<N>));
          return { ...v, result: event.result as JobResult<N> };
        case 'error':
          // A stop is not a failure: the engine's message says after which batch it stopped.
          if (event.code === 'cancelled') return { ...v, messages: [...v.messages, { level: 'info', text: event.message }] };
          // Reattaching after a restart: the new host does not know the old job, which stays paused.
          if (reattached && event.code === 'stream_failed') return v;
          return { ...v, error: event.message };
        case 'state': {
          if (event.state === 'cancelled' && cancelling.current) return { ...v, state: 'cancelled' };
          return { ...v, state: event.state === 'cancelled' ? 'paused' : event.state };
        }
      }
    });
  }, [store]);

  useEffect(() => {
    // After a reload the job may still be running (or have ended) on the same host: its events are replayed.
    if (own?.jobId) unsubscribe.current = host.api.subscribe(own.jobId, (event) => onEvent(event, true));
    return () => unsubscribe.current();
    // Once per mount: `own` is what was stored when the screen opened.
  }, []);

  const start = useCallback((request: JobRequest<N>) => {
    unsubscribe.current();
    lastRequest.current = request;
    cancelling.current = false;
    setView(fresh('starting'));
    host.api.startJob(name, request).then(
      ({ jobId: id }) => {
        jobId.current = id;
        keepInterrupted(store, { job: name, request, jobId: id });
        unsubscribe.current = host.api.subscribe(id, (event) => onEvent(event));
      },
      (error: unknown) => setView((v) => ({ ...v, state: 'failed', error: (error as Error).message })),
    );
  }, [host, name, store, onEvent]);

  const pause = useCallback(() => {
    if (jobId.current) void host.api.cancelJob(jobId.current);
  }, [host]);

  const cancel = useCallback(() => {
    cancelling.current = true;
    forgetInterrupted(store);
    lastRequest.current = null;
    if (view.state === 'paused' || view.state === 'failed') setView((v) => ({ ...v, state: 'cancelled' }));
    else if (jobId.current) void host.api.cancelJob(jobId.current);
  }, [host, store, view.state]);

  const resume = useCallback(() => {
    if (lastRequest.current) start(lastRequest.current);
  }, [start]);

  return { ...view, resumable: lastRequest.current !== null, start, pause, resume, cancel };
}
