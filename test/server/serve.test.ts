import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobEvent } from '../../main/api/job-events.ts';
import { Engine } from '../../main/api/engine.ts';
import { startServer, type RunningServer } from '../../main/server/seqatlas-server.ts';
import { APP_ROOT } from '../../main/shared/app-paths.ts';
import { TOKEN_HEADER } from '../../main/api/contract/http-headers.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const SAMPLE = join(APP_ROOT, 'resources', 'samples', '16s-sample.fasta');

/** A raw request (fetch cannot set Host or a foreign Origin). */
function raw(server: RunningServer, path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('seqatlas serve', () => {
  const tempDir = useTempDirs();
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function serve(): Promise<{ server: RunningServer; dir: string; post: (method: string, body: unknown) => Promise<Response> }> {
    const dir = await tempDir();
    await mkdir(join(dir, 'renderer'));
    await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>SeqAtlas</title>');
    server = await startServer({ engine: new Engine(), host: '127.0.0.1', port: 0, staticDir: join(dir, 'renderer'), uploadDir: join(dir, 'uploads') });
    const running = server;
    const post = (method: string, body: unknown) => fetch(`${running.url}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', [TOKEN_HEADER]: running.token }, body: JSON.stringify(body) });
    return { server: running, dir, post };
  }

  it('prints a loopback URL with a random token and refuses other hosts', async () => {
    const { server: s } = await serve();
    expect(s.openUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
    await expect(startServer({ engine: new Engine(), host: '0.0.0.0', port: 0, staticDir: '.', uploadDir: '.' })).rejects.toThrow(/not a loopback address/);
  });

  it('requires the token, refuses foreign origins and rebinding hosts', async () => {
    const { server: s } = await serve();
    expect((await raw(s, '/api/listModels', { method: 'POST' })).status).toBe(401);
    expect((await raw(s, '/api/listModels', { method: 'POST', headers: { [TOKEN_HEADER]: 'x'.repeat(32) } })).status).toBe(401);
    expect((await raw(s, '/api/listModels', { method: 'POST', headers: { [TOKEN_HEADER]: s.token, origin: 'https://evil.example' } })).status).toBe(403);
    expect((await raw(s, '/api/listModels', { method: 'POST', headers: { [TOKEN_HEADER]: s.token, host: `evil.example:${s.port}` } })).status).toBe(421);
    const ok = await raw(s, '/api/listModels', { method: 'POST', headers: { [TOKEN_HEADER]: s.token, origin: s.url } });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).models.map((m: { id: string }) => m.id)).toContain('dna-kmer');
  });

  it('serves the renderer with a strict CSP and nothing outside its folder', async () => {
    const { server: s } = await serve();
    const page = await raw(s, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>SeqAtlas</title>');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect((await raw(s, '/results')).body).toContain('SeqAtlas');
    const escape = await raw(s, '/..%2f..%2fpackage.json');
    expect(escape.body).not.toContain('"name": "seqatlas"');
  });

  it('validates requests with the contract schemas: one line naming the field', async () => {
    const { post } = await serve();
    const bad = await post('importIssues', { store: '/x', dataset: 'd', limit: 'lots' });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { code: string; message: string };
    expect(body.code).toBe('bad_request');
    expect(body.message).toContain('field "limit"');
    expect((await post('classify', { input: 'a.fa', store: '/s', out: '/o', reference: 'bad name' })).status).toBe(400);
    expect((await post('nosuch', {})).status).toBe(400);
    const missing = await post('storeInfo', { store: '/nonexistent/seqatlas-store' });
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as { code: string }).code).toBe('store_missing');
  });

  it('saves uploads in the session folder and validates them with the engine', async () => {
    const { server: s, dir, post } = await serve();
    const upload = await fetch(`${s.url}/api/upload?name=${encodeURIComponent('../../evil name.fasta')}`, { method: 'POST', headers: { [TOKEN_HEADER]: s.token }, body: '>a\nACGTACGTAC\n>b\nACGJT\n' });
    const { path } = (await upload.json()) as { path: string };
    expect(path).toBe(join(dir, 'uploads', 'evil_name.fasta'));
    const report = (await (await post('validateInput', { input: path })).json()) as { summary: { read: number; accepted: number; rejected: number }; issues: { code: string }[] };
    expect(report.summary).toMatchObject({ read: 2, accepted: 1, rejected: 1 });
    expect(report.issues[0]!.code).toBe('illegal_characters');
  });

  it('runs a job and streams its events as Server-Sent Events, ending with the result', async () => {
    const { server: s, dir, post } = await serve();
    const store = join(dir, 'store');
    const start = await post('embed', { input: SAMPLE, store, model: 'dna-kmer', device: 'cpu' });
    const { jobId } = (await start.json()) as { jobId: string };
    const stream = await fetch(`${s.url}/api/jobs/${jobId}/events`, { headers: { [TOKEN_HEADER]: s.token } });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const events = (await stream.text()).split('\n\n').filter((block) => block.startsWith('data: ')).map((block) => JSON.parse(block.slice(6)) as JobEvent);
    expect(events[0]).toEqual({ type: 'state', jobId, state: 'running' });
    expect(events.some((e) => e.type === 'progress' && e.stage === 'embed')).toBe(true);
    const result = events.find((e) => e.type === 'result');
    expect(result && result.type === 'result' && (result.result as { embedded: number; provider: string })).toMatchObject({ embedded: 200, provider: 'cpu' });
    expect(events.at(-1)).toEqual({ type: 'state', jobId, state: 'done' });
    expect(events.every((e) => e.jobId === jobId)).toBe(true);
    const info = (await (await post('storeInfo', { store })).json()) as { datasets: { accepted: number }[] };
    expect(info.datasets[0]!.accepted).toBe(200);
  });

  it('cancels a job: it stops after a committed batch and a rerun resumes it', async () => {
    const { server: s, dir, post } = await serve();
    const store = join(dir, 'store');
    const request = { input: SAMPLE, store, model: 'dna-kmer', device: 'cpu', batch: { maxBatchSize: 8 } };
    const { jobId } = (await (await post('embed', request)).json()) as { jobId: string };
    expect((await post(`jobs/${jobId}/cancel`, {})).status).toBe(200);
    const text = await (await fetch(`${s.url}/api/jobs/${jobId}/events`, { headers: { [TOKEN_HEADER]: s.token } })).text();
    expect(text).toContain('"state":"cancelled"');
    const again = (await (await post('embed', request)).json()) as { jobId: string };
    const rerun = await (await fetch(`${s.url}/api/jobs/${again.jobId}/events`, { headers: { [TOKEN_HEADER]: s.token } })).text();
    expect(rerun).toContain('"state":"done"');
    const info = (await (await post('storeInfo', { store })).json()) as { datasets: { sequencesStored: number; embeddings: { count: number }[] }[] };
    expect(info.datasets[0]!.embeddings[0]!.count).toBe(200);
  });

  it('stopping the server lets a running job commit its batch and end cancelled (resumable)', async () => {
    const { server: s, dir, post } = await serve();
    const { jobId } = (await (await post('embed', { input: SAMPLE, store: join(dir, 'store'), model: 'dna-kmer', device: 'cpu', batch: { maxBatchSize: 4 } })).json()) as { jobId: string };
    const states: string[] = [];
    s.jobs.subscribe(jobId, (event) => event.type === 'state' && states.push(event.state));
    await s.close();
    server = undefined;
    expect(states).toEqual(['running', 'cancelled']);
    expect(s.jobs.running()).toEqual([]);
  });
});
