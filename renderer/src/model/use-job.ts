import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobName, JobRequest, JobResult } from '../../../main/api/contract/api-contract.ts';
import type { JobEvent } from '../../../main/api/job-events.ts';
import { useApp } from './app-context.ts';

export type ProgressEvent = Extract<JobEvent, { type: 'progress' }>;
export type JobState = 'idle' | 'starting' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobView<N extends JobName> {
  state: JobState;
  /** Latest progress per stage, in the order stages started. */
  stages: ProgressEvent[];
  messages: { level: 'warning' | 'info'; text: string }[];
  result: JobResult<N> | null;
  error: string | null;
  start(request: JobRequest<N>): void;
  cancel(): void;
  /** Runs the last request again: the engine resumes after its last committed batch. */
  resume(): void;
}

/** One job of the contract, started from a screen and followed through its events. */
export function useJob<N extends JobName>(name: N, onResult?: (result: JobResult<N>) => void): JobView<N> {
  const { host } = useApp();
  const [view, setView] = useState<Omit<JobView<N>, 'start' | 'cancel' | 'resume'>>({ state: 'idle', stages: [], messages: [], result: null, error: null });
  const jobId = useRef<string | null>(null);
  const lastRequest = useRef<JobRequest<N> | null>(null);
  const unsubscribe = useRef<() => void>(() => undefined);
  const resultCallback = useRef(onResult);
  resultCallback.current = onResult;
  useEffect(() => () => unsubscribe.current(), []);

  const onEvent = useCallback((event: JobEvent) => {
    setView((v) => {
      switch (event.type) {
        case 'progress': {
          const at = v.stages.findIndex((s) => s.stage === event.stage);
          const stages = at < 0 ? [...v.stages, event] : v.stages.map((s, i) => (i === at ? event : s));
          return { ...v, stages };
        }
        case 'warning':
          return { ...v, messages: [...v.messages, { level: 'warning', text: event.message }] };
        case 'log':
          return event.level === 'info' ? { ...v, messages: [...v.messages, { level: 'info', text: event.message }] } : v;
        case 'result':
          queueMicrotask(() => resultCallback.current?.(event.result as JobResult<N>));
          return { ...v, result: event.result as JobResult<N> };
        case 'error':
          return { ...v, error: event.message };
        case 'state':
          return { ...v, state: event.state === 'paused' ? 'running' : event.state };
      }
    });
  }, []);

  const start = useCallback((request: JobRequest<N>) => {
    unsubscribe.current();
    lastRequest.current = request;
    setView({ state: 'starting', stages: [], messages: [], result: null, error: null });
    host.api.startJob(name, request).then(
      ({ jobId: id }) => {
        jobId.current = id;
        unsubscribe.current = host.api.subscribe(id, onEvent);
      },
      (error: unknown) => setView((v) => ({ ...v, state: 'failed', error: (error as Error).message })),
    );
  }, [host, name, onEvent]);

  const cancel = useCallback(() => {
    if (jobId.current) void host.api.cancelJob(jobId.current);
  }, [host]);

  const resume = useCallback(() => {
    if (lastRequest.current) start(lastRequest.current);
  }, [start]);

  return { ...view, start, cancel, resume };
}
