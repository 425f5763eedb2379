import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { SeedIndex, SeedShape, type SeedIndexData } from '../../main/seeds/index.ts';
import type { BuildReply, RankReply, RankTask, WorkerRequest, WorkerSetup } from '../../main/seeds/seed-pool.ts';
import { APP_ROOT } from '../../main/shared/app-paths.ts';

const OUT = join(APP_ROOT, 'dist', 'electron');

/**
 * Runs one task on a worker started from `entry` and returns its reply: the worker builds the index itself (as a
 * pool's first worker does, its reply checked), or is handed `index` (as the others are).
 */
async function rankOnWorker(entry: string, setup: WorkerSetup, task: RankTask, start: { build: string } | { index: SeedIndexData }): Promise<RankReply> {
  const worker = new Worker(entry, { workerData: setup });
  const reply = <T>(request: WorkerRequest) =>
    new Promise<T>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.postMessage(request);
    });
  try {
    if ('build' in start) {
      const built = await reply<BuildReply>({ kind: 'build', pattern: start.build });
      expect('index' in built && built.index.postings.length).toBeGreaterThan(0);
    } else {
      worker.postMessage({ kind: 'index', index: start.index } satisfies WorkerRequest);
    }
    return await reply<RankReply>(task);
  } finally {
    await worker.terminate();
  }
}

describe('the seed prefilter in the desktop bundle', () => {
  it('starts its alignment threads from their own bundle beside the engine, which ranks like the source', async () => {
    await build({ configFile: join(APP_ROOT, 'electron', 'vite.config.ts'), logLevel: 'silent' });
    // The engine bundle looks for the worker beside itself, not for the .mjs that only exists in the sources.
    const engine = await readFile(join(OUT, 'engine-worker.js'), 'utf8');
    expect(engine).toContain('new URL("./seed-worker.js", import.meta.url)');

    const references = ['MKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQAPILSRVGDGTQDNLSGAEKAVQVKVKALPDAQ', 'W'.repeat(60), 'GSHMSLFDFFKNKGSAATATDRLKLEEKLEEL'];
    const index = SeedIndex.build(references, new SeedShape('1101011'));
    const setup: WorkerSetup = { references, options: { perQuery: 5, maxEvalue: 10 } };
    const query = 'MKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQAPILSRVGDGTQDNLSGAEKAVQVKVKALPDAQ';
    const task: RankTask = { kind: 'rank', id: 7, queries: [query], extras: [[]] };
    const bundled = await rankOnWorker(join(OUT, 'seed-worker.js'), setup, task, { build: '1101011' });
    const source = await rankOnWorker(join(APP_ROOT, 'main', 'seeds', 'seed-worker-entry.mjs'), setup, task, { index: index.toData() });
    expect(bundled).toEqual(source);
    expect('ranked' in bundled && bundled.ranked[0]![0]).toMatchObject({ index: 0, metrics: { identity: 1 } });
  }, 60_000);
});
