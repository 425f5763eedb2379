import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../main/api/engine.ts';
import { Store } from '../../main/store/store.ts';
import { readTable } from '../helpers/store-readers.ts';
import { cli, recordFault, SAMPLE_16S, seededRandom } from './fault-kit.ts';

/**
 * Two writers on one store: the store lock must refuse the second with a message naming the first (or let them
 * run one after the other), and never interleave them into a damaged store. Both inputs share 100 sequence ids,
 * so a mix-up between the two datasets would show.
 */
const MIXED = resolve('test/fixtures/embed/mixed-16s.fasta');
const TABLE = 'emb_dna_kmer_l0';
const TRIALS = 2;
let root: string;
let clean: Map<string, Float32Array>;

const embedArgs = (input: string, store: string) => ['embed', '--input', input, '--model', 'dna-kmer', '--store', store, '--max-batch', '4', '--device', 'cpu'];

/** dataset/seq_id → vector, failing on a row stored twice. */
async function vectorsByDataset(store: string): Promise<Map<string, Float32Array>> {
  const out = new Map<string, Float32Array>();
  for (const row of await readTable(store, TABLE)) {
    const key = `${String(row.dataset_id)}/${String(row.seq_id)}`;
    if (out.has(key)) throw new Error(`${key} stored twice`);
    out.set(key, Float32Array.from((row.vector as { toArray(): Float32Array }).toArray()));
  }
  return out;
}

function sameAsClean(actual: Map<string, Float32Array>): string[] {
  const problems: string[] = [];
  if (actual.size !== clean.size) problems.push(`${actual.size} vectors, expected ${clean.size}`);
  for (const [key, vector] of clean) {
    const got = actual.get(key);
    if (!got || got.some((v, i) => v !== vector[i])) problems.push(`${key} missing or different`);
  }
  return problems;
}

function jobsDone(store: string): string[] {
  const db = new Database(join(store, 'catalog.sqlite'), { readonly: true });
  const jobs = db.prepare('SELECT id, status FROM jobs').all() as { id: string; status: string }[];
  db.close();
  return jobs.length === 2 && jobs.every((j) => j.status === 'done') ? [] : [`jobs ${JSON.stringify(jobs)}`];
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'seqatlas-concurrent-'));
  const store = join(root, 'clean');
  // In-process for speed: the CLI and the Engine run the same job.
  for (const input of [SAMPLE_16S, MIXED]) await new Engine().embed({ input, store, model: 'dna-kmer', device: 'cpu', batch: { maxBatchSize: 4 } });
  clean = await vectorsByDataset(store);
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('two jobs on one store', () => {
  it('two processes: the second is refused naming the first (or waits its turn), never interleaved', async ({ task }) => {
    const random = seededRandom(7);
    const problems: string[] = [];
    let refusals = 0;
    for (let trial = 0; trial < TRIALS; trial += 1) {
      const store = join(root, `two-processes-${trial}`);
      // Create the store first so both contend for the lock, not for creating the folder.
      await (await Store.open(store, { create: true })).close();
      const first = cli(embedArgs(SAMPLE_16S, store));
      await new Promise((done) => setTimeout(done, Math.floor(random() * 1500)));
      const second = await cli(embedArgs(MIXED, store));
      const firstRun = await first;
      for (const [input, run] of [[SAMPLE_16S, firstRun], [MIXED, second]] as const) {
        if (run.code === 0) continue;
        if (/is in use by another SeqAtlas job \(embedding .* pid \d+ on .* since /.test(run.error ?? '')) refusals += 1;
        else problems.push(`trial ${trial}: unexpected failure: ${run.error ?? run.stderr}`);
        // The refused job runs again, as the message tells the user to.
        const again = await cli(embedArgs(input, store));
        if (again.code !== 0) problems.push(`trial ${trial}: rerun failed: ${again.error}`);
      }
      problems.push(...sameAsClean(await vectorsByDataset(store)).map((p) => `trial ${trial}: ${p}`), ...jobsDone(store));
    }
    recordFault(task.meta, { scenario: 'two processes, one store', trials: TRIALS, passed: problems.length === 0 ? TRIALS : 0, recordsLost: 0, note: `${refusals} refused by the lock` });
    expect(problems).toEqual([]);
  }, 90_000);

  it('two jobs in one process (Engine): the second is refused with store_locked', async ({ task }) => {
    const store = join(root, 'in-process');
    const engine = new Engine();
    const settled = await Promise.allSettled([SAMPLE_16S, MIXED].map((input) => engine.embed({ input, store, model: 'dna-kmer', device: 'cpu', batch: { maxBatchSize: 4 } })));
    const refused = settled.filter((s) => s.status === 'rejected').map((s) => (s as PromiseRejectedResult).reason as { code: string; message: string });
    const problems = refused.filter((r) => !['store_locked', 'store_not_a_store'].includes(r.code)).map((r) => `${r.code}: ${r.message}`);
    for (const input of [SAMPLE_16S, MIXED]) await engine.embed({ input, store, model: 'dna-kmer', device: 'cpu', batch: { maxBatchSize: 4 } });
    problems.push(...sameAsClean(await vectorsByDataset(store)), ...jobsDone(store));
    recordFault(task.meta, { scenario: 'two Engine jobs, one process', trials: 1, passed: problems.length === 0 ? 1 : 0, recordsLost: 0, note: refused.map((r) => r.code).join(', ') || 'ran one after the other' });
    expect(problems).toEqual([]);
  });

  it('creating one new store from several openers at once gives one valid store, not a stray error', async () => {
    // The regression of a fixed race: openers renamed each other's store.json.tmp away (ENOENT), or took the
    // half-created folder for someone's files (store_not_a_store).
    const store = join(root, 'created-at-once');
    const opened = await Promise.allSettled(Array.from({ length: 8 }, () => Store.open(store, { create: true })));
    const failures = opened.filter((o) => o.status === 'rejected').map((o) => String((o as PromiseRejectedResult).reason));
    await Promise.all(opened.map((o) => (o.status === 'fulfilled' ? o.value.close() : undefined)));
    expect(failures).toEqual([]);
    const reopened = await Store.open(store, { readonly: true });
    expect(reopened.manifest.kind).toBe('seqatlas-store');
    await reopened.close();
  });

  it('a reader during a job (store info) is served, not blocked or damaging', async ({ task }) => {
    const store = join(root, 'reader');
    let info: Promise<Awaited<ReturnType<typeof cli>>> | undefined;
    const job = await cli([...embedArgs(SAMPLE_16S, store), '--json'], {
      onStdout: (text) => {
        if (!info && text.includes('"type":"progress"')) info = cli(['store', 'info', '--store', store, '--json']);
      },
    });
    const reader = await info!;
    const problems = [job.code === 0 ? '' : `job: ${job.error}`, reader.code === 0 ? '' : `reader: ${reader.error}`].filter(Boolean);
    recordFault(task.meta, { scenario: 'reader during a job', trials: 1, passed: problems.length === 0 ? 1 : 0, recordsLost: 0 });
    expect(problems).toEqual([]);
  });
});
