import { utilityProcess, type UtilityProcess } from 'electron';
import type { ApiError, CallName, JobName } from '../main/api/contract/api-contract.ts';
import type { JobEvent } from '../main/api/job-events.ts';
import { EngineError, type EngineErrorCode } from '../main/shared/engine-error.ts';
import type { FromWorker, ToWorker } from './worker-protocol.ts';

/** How long a quit waits for running jobs to commit their batch before it gives up on them. */
const SHUTDOWN_GRACE_MS = 30_000;

/** The main process's handle on the engine worker (a utility process): calls, jobs, and the events they send back. */
export class EngineHost {
  private readonly child: UtilityProcess;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  private stopped: (() => void) | null = null;

  constructor(workerPath: string, private readonly onEvent: (event: JobEvent) => void) {
    this.child = utilityProcess.fork(workerPath, [], { serviceName: 'SeqAtlas engine', stdio: 'inherit' });
    this.child.on('message', (message: FromWorker) => this.receive(message));
    this.child.on('exit', (code) => {
      for (const { reject } of this.pending.values()) reject(new EngineError('model_failed', `the engine process exited (code ${code})`));
      this.pending.clear();
      this.stopped?.();
    });
  }

  call(name: CallName, request: unknown): Promise<unknown> {
    return this.send((id) => ({ type: 'call', id, name, request }));
  }

  start(name: JobName, request: unknown): Promise<{ jobId: string }> {
    return this.send((id) => ({ type: 'start', id, name, request })) as Promise<{ jobId: string }>;
  }

  cancel(jobId: string): void {
    this.child.postMessage({ type: 'cancel', jobId } satisfies ToWorker);
  }

  /** Lets running jobs commit their current batch (resumable), then ends the worker. */
  async shutdown(): Promise<void> {
    await Promise.race([
      new Promise<void>((resolve) => {
        this.stopped = resolve;
        this.child.postMessage({ type: 'shutdown' } satisfies ToWorker);
      }),
      new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS)),
    ]);
    this.child.kill();
  }

  private send(message: (id: number) => ToWorker): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.postMessage(message(id));
    });
  }

  private receive(message: FromWorker): void {
    if (message.type === 'event') return this.onEvent(message.event);
    if (message.type === 'stopped') return this.stopped?.();
    const waiting = this.pending.get(message.id);
    this.pending.delete(message.id);
    if (!waiting) return;
    if (message.ok) waiting.resolve(message.result);
    else waiting.reject(toError(message.error));
  }
}

const toError = (error: ApiError): EngineError => new EngineError(error.code as EngineErrorCode, error.message);
