import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobEvent } from '../../main/api/job-events.ts';
import { APP_ROOT } from '../../main/shared/app-paths.ts';
import { openApiServer, type ApiServer } from './api-server.ts';

const SAMPLE = join(APP_ROOT, 'resources', 'samples', '16s-sample.fasta');
const BATCH = 100;
const COPIES = 10;

type Progress = Extract<JobEvent, { type: 'progress' }>;

/**
 * The Run screen's Pause is the engine's resumable stop (cancel after a committed batch) and Resume starts the same
 * request again: this checks, through the server the browser uses, that the second job skips what the first committed.
 */
describe('pause and resume of a job', () => {
  let api: ApiServer | undefined;
  afterEach(async () => api?.close());

  it('a paused embedding resumes after its last committed batch without embedding those batches again', async () => {
    api = await openApiServer();
    const { server, post } = api;
    // 2,000 reads in batches of 100: 20 commits, so the pause lands mid-job.
    const sample = await readFile(SAMPLE, 'utf8');
    const input = join(api.dir, 'reads.fasta');
    await writeFile(input, Array.from({ length: COPIES }, (_, copy) => sample.replace(/^>/gm, `>c${copy}_`)).join(''));
    const request = { input, store: join(api.dir, 'store'), model: 'dna-kmer', device: 'cpu', batch: { maxBatchSize: BATCH } };

    const { body: first } = await post<{ jobId: string }>('embed', request);
    const paused = new Promise<{ committed: number; events: JobEvent[] }>((resolve) => {
      const events: JobEvent[] = [];
      let asked = false;
      server.jobs.subscribe(first.jobId, (event) => {
        events.push(event);
        if (event.type === 'progress' && event.stage === 'embed' && event.done > 0 && !asked) {
          asked = true;
          void post('jobs/' + first.jobId + '/cancel', {});
        }
        if (event.type === 'state' && event.state !== 'running') {
          const done = events.filter((e): e is Progress => e.type === 'progress' && e.stage === 'embed').map((e) => e.done);
          resolve({ committed: Math.max(...done), events });
        }
      });
    });
    const pause = await paused;
    expect(pause.events.at(-1)).toMatchObject({ type: 'state', state: 'cancelled' });
    expect(pause.events.find((e) => e.type === 'error')).toMatchObject({ code: 'cancelled' });
    expect(pause.committed).toBeGreaterThan(0);
    expect(pause.committed).toBeLessThan(COPIES * 200);

    const { body: second } = await post<{ jobId: string }>('embed', request);
    const events = await api.events(second.jobId);
    const progress = events.filter((e): e is Progress => e.type === 'progress' && e.stage === 'embed');
    const result = (events.find((e) => e.type === 'result') as { result: { resumedFromBatch: number | null; embedded: number } }).result;
    expect(events.at(-1)).toMatchObject({ state: 'done' });
    // The same request again (what Resume sends) is not warned that its batch settings are ignored: they are the same.
    expect(events.filter((e) => e.type === 'warning')).toEqual([]);
    // The checkpoint is the last batch the pause committed, and progress goes on from there, never from 0 (a late
    // subscriber sees progress events coalesced, so only their values are checked, not their number).
    expect(result.resumedFromBatch).toBe(pause.committed / BATCH - 1);
    expect(progress.length).toBeGreaterThan(0);
    expect(Math.min(...progress.map((e) => e.done))).toBeGreaterThanOrEqual(pause.committed + BATCH);
    expect(result.embedded).toBe(COPIES * 200);
    const info = await post<{ datasets: { accepted: number; embeddings: { count: number }[] }[] }>('storeInfo', { store: request.store });
    expect(info.body.datasets[0]).toMatchObject({ accepted: COPIES * 200, embeddings: [{ count: COPIES * 200 }] });
  });
});
