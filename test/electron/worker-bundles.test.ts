import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CHIMERA } from '../../main/classify/chimera-check.ts';
import type { AlignmentReply, AlignmentTask, AlignmentWorkerSetup } from '../../main/align/alignment-pool.ts';
import type { ChimeraReply, ChimeraTask, ChimeraWorkerSetup } from '../../main/classify/chimera-pool.ts';
import { ReferenceWords } from '../../main/classify/reference-words.ts';
import { SharedSequences } from '../../main/classify/shared-sequences.ts';
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

describe('alignment threads in the desktop bundle', () => {
  it('start from their own bundles beside the engine, and rank and check chimeras like the source', async () => {
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

    // The chimera check's threads likewise: a read made of two references' halves, checked by the bundle and the source.
    expect(engine).toContain('new URL("./chimera-worker.js", import.meta.url)');
    const left = 'ACGTTGCAAGCTTACGGATCCAGTCAGTTCGAATGCCATGGCAAGTCTAGGCTAACGTTAGCATGCCGTAACTGAGCTTAGCGATCAGGTACCATGAGC';
    const right = 'TTGACCGATAGCCTAGGATCGGCATATCGGCTTAAGCTAGGCATCGATCCGTATAGCGCTAGCAATCGGATAGCCGTAGGCTAAGCTTCGGATACGA';
    const sequences = Array.from({ length: 10 }, (_, i) => (i === 3 ? left : i === 9 ? right : ''));
    const chimeraSetup: ChimeraWorkerSetup = {
      sequences: SharedSequences.from(sequences).toData(), words: ReferenceWords.build(sequences).toData(), codes: [Int32Array.from({ length: 10 }, (_, i) => i)], settings: DEFAULT_CHIMERA,
    };
    const chimeraRead = left.slice(0, 50) + right.slice(50);
    const ask = (task: ChimeraTask) => Promise.all([join(OUT, 'chimera-worker.js'), join(APP_ROOT, 'main', 'classify', 'chimera-worker-entry.mjs')].map((entry) => replyOf<ChimeraReply>(entry, chimeraSetup, task)));
    const found = await ask({ kind: 'candidates', id: 1, reads: [{ sequence: chimeraRead, nearest: Int32Array.of(3) }] });
    expect(found[0]).toEqual(found[1]);
    expect('candidates' in found[0]! && found[0].candidates).toEqual([{ candidates: [3, 9], mixed: true }]);
    const checked = await ask({ kind: 'check', id: 2, reads: [{ sequence: chimeraRead, candidates: [3, 9] }, { sequence: left, candidates: [3, 9] }] });
    expect(checked[0]).toEqual(checked[1]);
    expect('chimeras' in checked[0]! && checked[0].chimeras.map((chimera) => chimera && [chimera.left, chimera.right])).toEqual([[0, 1], null]);
    // And annotate's pair alignments.
    expect(engine).toContain('new URL("./alignment-worker.js", import.meta.url)');
    const alignmentSetup: AlignmentWorkerSetup = { alphabet: 'protein', band: 'auto' };
    const alignmentTask: AlignmentTask = { id: 4, pairs: [[query, references[0]!.slice(3), 'local'], [query, references[2]!, 'global'], ['', query, 'local']] };
    const aligned = await Promise.all([join(OUT, 'alignment-worker.js'), join(APP_ROOT, 'main', 'align', 'alignment-worker-entry.mjs')].map((entry) => replyOf<AlignmentReply>(entry, alignmentSetup, alignmentTask)));
    expect(aligned[0]).toEqual(aligned[1]);
    expect('metrics' in aligned[0]! && aligned[0].metrics.map((m) => m && m.identity)).toEqual([1, expect.any(Number), null]);
  }, 60_000);
});

async function replyOf<Reply>(entry: string, setup: unknown, task: unknown): Promise<Reply> {
  const worker = new Worker(entry, { workerData: setup });
  try {
    return await new Promise<Reply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.postMessage(task);
    });
  } finally {
    await worker.terminate();
  }
}
