import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Engine } from '../api/engine.ts';
import { isCallName, JobIdRequest } from '../api/contract/api-contract.ts';
import { handleCall } from '../api/contract/call-handlers.ts';
import { parseJobRequest, runJob } from '../api/contract/job-handlers.ts';
import { JobRegistry } from '../api/contract/job-registry.ts';
import { parseRequest } from '../api/parse-request.ts';
import { EngineError } from '../shared/engine-error.ts';
import { streamJobEvents } from './event-stream.ts';
import { readJson, sendError, sendJson } from './http-replies.ts';
import { refusal } from './request-guard.ts';
import { serveStatic } from './static-files.ts';
import { saveUpload } from './uploads.ts';

export interface ServerOptions {
  engine: Engine;
  /** Loopback address to listen on; anything else is refused (the API reads and writes the user's files). */
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** Folder with the built renderer (index.html). */
  staticDir: string;
  /** This session's folder for files dropped in the browser. */
  uploadDir: string;
  /** Fixed token for tests; a fresh random one otherwise. */
  token?: string;
}

export interface RunningServer {
  url: string;
  /** The URL to open: the renderer reads the token from it once and then sends it as a header. */
  openUrl: string;
  token: string;
  port: number;
  jobs: JobRegistry;
  /** Cancels running jobs (each commits its batch first), then stops listening. */
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** `seqatlas serve`: the contract over HTTP on loopback, with the built renderer. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  if (!LOOPBACK.has(options.host)) throw new EngineError('bad_request', `serve: host ${options.host} is not a loopback address; the server only listens on 127.0.0.1, localhost or ::1`);
  const token = options.token ?? randomBytes(24).toString('base64url');
  const jobs = new JobRegistry();
  let port = options.port;
  const server: Server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      if (response.headersSent) response.destroy();
      else sendError(response, error instanceof SyntaxError || error instanceof RangeError ? new EngineError('bad_request', `request body: ${error.message}`) : error);
    });
  });

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const api = url.pathname.startsWith('/api/');
    const refused = refusal(request, port, token, api);
    if (refused) return sendJson(response, refused.status, { code: 'refused', message: refused.message });
    if (!api) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return sendJson(response, 405, { code: 'bad_request', message: 'GET only' });
      return serveStatic(options.staticDir, url.pathname, response);
    }
    const parts = url.pathname.slice('/api/'.length).split('/');
    if (parts[0] === 'jobs' && parts.length === 3) return jobRoute(parts[1]!, parts[2]!, request, response);
    if (request.method !== 'POST' || parts.length !== 1) return sendJson(response, 404, { code: 'bad_request', message: `no route ${request.method} ${url.pathname}` });
    const method = parts[0]!;
    if (method === 'upload') return sendJson(response, 200, await saveUpload(request, options.uploadDir, url.searchParams.get('name') ?? ''));
    const body = await readJson(request);
    if (isCallName(method)) return sendJson(response, 200, await handleCall(options.engine, method, body));
    const job = parseJobRequest(method, body);
    const jobId = jobs.start((emit, signal) => runJob(options.engine, job.name, job.request, { emit, control: { signal, waitIfPaused: async () => undefined } }));
    return sendJson(response, 200, { jobId });
  }

  async function jobRoute(id: string, action: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { jobId } = parseRequest(JobIdRequest, { jobId: id }, 'job');
    if (!jobs.has(jobId)) return sendJson(response, 404, { code: 'unknown_job', message: `no job ${jobId} on this server` });
    if (action === 'events' && request.method === 'GET') return streamJobEvents(jobs, jobId, response);
    if (action === 'cancel' && request.method === 'POST') {
      jobs.cancel(jobId);
      return sendJson(response, 200, { jobId });
    }
    return sendJson(response, 404, { code: 'bad_request', message: `no route ${request.method} /api/jobs/${jobId}/${action}` });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const hostPart = options.host === '::1' ? '[::1]' : options.host;
  const url = `http://${hostPart}:${port}`;
  return {
    url, openUrl: `${url}/?token=${token}`, token, port, jobs,
    async close() {
      await jobs.cancelAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
