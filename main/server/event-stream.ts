import type { ServerResponse } from 'node:http';
import type { JobRegistry } from '../api/contract/job-registry.ts';

/** Comment line sent while a job is quiet, so proxies and the browser keep the connection open. */
const KEEPALIVE_MS = 15_000;

/**
 * A job's events as Server-Sent Events (`data: <JobEvent JSON>`), from the job's start; the stream ends after the
 * job's final `state` event, or when the client goes away.
 */
export function streamJobEvents(jobs: JobRegistry, jobId: string, response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
  response.flushHeaders();
  let ended = false;
  const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), KEEPALIVE_MS);
  const end = () => {
    if (ended) return;
    ended = true;
    clearInterval(keepAlive);
    unsubscribe();
    response.end();
  };
  let unsubscribe: () => void = () => undefined;
  unsubscribe = jobs.subscribe(jobId, (event) => {
    if (ended) return;
    response.write(`data: ${JSON.stringify(event)}\n\n`);
    if (event.type === 'state' && event.state !== 'running' && event.state !== 'paused') queueMicrotask(end);
  });
  response.on('close', end);
}
