import type { Worker } from 'node:worker_threads';

/**
 * Sends one task to an idle worker and waits for its reply, or for the worker to fail or stop (a worker that dies
 * mid-task would otherwise leave its caller waiting forever). `what` names the worker in the error.
 */
export function askWorker<Reply>(worker: Worker, task: unknown, what: string): Promise<Reply> {
  return new Promise<Reply>((resolve, reject) => {
    const onError = (error: Error) => settle(() => reject(new Error(`${what} failed: ${error.message}`)));
    const onExit = (code: number) => settle(() => reject(new Error(`${what} stopped (exit code ${code})`)));
    const onMessage = (reply: Reply) => settle(() => resolve(reply));
    const settle = (then: () => void) => {
      worker.off('error', onError).off('exit', onExit).off('message', onMessage);
      then();
    };
    worker.on('error', onError).on('exit', onExit).on('message', onMessage);
    worker.postMessage(task);
  });
}
