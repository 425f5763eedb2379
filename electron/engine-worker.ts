/**
 * The engine in an Electron utility process: onnxruntime, LanceDB and SQLite work here, never in the main process,
 * so a long job cannot freeze the window and a native crash takes down this process, not the app.
 */
import { Engine } from '../main/api/engine.ts';
import { handleCall } from '../main/api/contract/call-handlers.ts';
import { runJob } from '../main/api/contract/job-handlers.ts';
import { JobRegistry } from '../main/api/contract/job-registry.ts';
import { isEngineError } from '../main/shared/engine-error.ts';
import type { FromWorker, ToWorker } from './worker-protocol.ts';

interface ParentPort {
  on(event: 'message', listener: (message: { data: ToWorker }) => void): void;
  postMessage(message: FromWorker): void;
}

const port = (process as unknown as { parentPort: ParentPort }).parentPort;
const engine = new Engine();
const jobs = new JobRegistry();
const errorOf = (error: unknown) => (isEngineError(error) ? { code: error.code, message: error.message } : { code: 'internal', message: error instanceof Error ? error.message : String(error) });

port.on('message', ({ data }) => {
  switch (data.type) {
    case 'call':
      handleCall(engine, data.name, data.request).then(
        (result) => port.postMessage({ type: 'reply', id: data.id, ok: true, result }),
        (error: unknown) => port.postMessage({ type: 'reply', id: data.id, ok: false, error: errorOf(error) }),
      );
      return;
    case 'start': {
      const jobId = jobs.start((emit, signal) => runJob(engine, data.name, data.request, { emit, control: { signal, waitIfPaused: async () => undefined } }));
      jobs.subscribe(jobId, (event) => port.postMessage({ type: 'event', event }));
      port.postMessage({ type: 'reply', id: data.id, ok: true, result: { jobId } });
      return;
    }
    case 'cancel':
      jobs.cancel(data.jobId);
      return;
    case 'shutdown':
      // Every running job commits its batch and checkpoint first, so the next start resumes where this one stopped.
      void jobs.cancelAll().then(() => port.postMessage({ type: 'stopped' }));
      return;
  }
});
