import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobEvent } from '../../main/api/job-events.ts';
import { Engine } from '../../main/api/engine.ts';
import { TOKEN_HEADER } from '../../main/api/contract/http-headers.ts';
import { startServer, type RunningServer } from '../../main/server/seqatlas-server.ts';

export interface ApiServer {
  server: RunningServer;
  dir: string;
  /** POST /api/<method>: the status and the JSON reply. */
  post<T>(method: string, body: unknown): Promise<{ status: number; body: T }>;
  /** A job's Server-Sent Events, read until the stream ends. */
  events(jobId: string): Promise<JobEvent[]>;
  close(): Promise<void>;
}

/** `seqatlas serve` with the real engine on a temporary folder, as the browser talks to it. */
export async function openApiServer(): Promise<ApiServer> {
  const dir = await mkdtemp(join(tmpdir(), 'seqatlas-api-'));
  await mkdir(join(dir, 'renderer'));
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>SeqAtlas</title>');
  const server = await startServer({ engine: new Engine(), host: '127.0.0.1', port: 0, staticDir: join(dir, 'renderer'), uploadDir: join(dir, 'uploads') });
  const headers = { 'content-type': 'application/json', [TOKEN_HEADER]: server.token };
  return {
    server, dir,
    async post<T>(method: string, body: unknown) {
      const response = await fetch(`${server.url}/api/${method}`, { method: 'POST', headers, body: JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as T };
    },
    async events(jobId: string) {
      const text = await (await fetch(`${server.url}/api/jobs/${jobId}/events`, { headers })).text();
      return text.split('\n\n').filter((block) => block.startsWith('data: ')).map((block) => JSON.parse(block.slice(6)) as JobEvent);
    },
    async close() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
