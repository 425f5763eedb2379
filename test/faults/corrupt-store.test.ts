import { cp, mkdir, mkdtemp, open, readdir, rename, rm, stat, truncate } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../main/store/store.ts';
import { loadStoredVectors } from '../../main/store/stored-vectors.ts';
import { cli, compareWithClean, recordFault, SAMPLE_16S } from './fault-kit.ts';

/**
 * A damaged store must be reported, never read as if whole: a truncated LanceDB data file on first read, a
 * truncated or garbled catalog on open, rows missing behind the catalog's back when vectors are loaded. Each
 * case then follows the recovery README describes ("Recovering a damaged store") and must end equal to a clean
 * store, without duplicates.
 */
const TABLE = 'emb_dna_kmer_l0';
const RECOVERY = 'Recovering a damaged store';
let root: string;
let clean: string;
let datasetId: string;
const embedArgs = (store: string) => ['embed', '--input', SAMPLE_16S, '--model', 'dna-kmer', '--store', store, '--max-batch', '50', '--device', 'cpu'];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'seqatlas-corrupt-'));
  clean = join(root, 'clean');
  const run = await cli([...embedArgs(clean), '--json']);
  expect(run.code, run.stderr).toBe(0);
  datasetId = (JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { result: { datasetId: string } }).result.datasetId;
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function copyOfClean(name: string): Promise<string> {
  const store = join(root, name);
  await cp(clean, store, { recursive: true });
  return store;
}

/** README's recovery: move the catalog (and a damaged table) aside, run the embed command again. */
async function recover(store: string, alsoAside: string[] = []): Promise<{ lost: number; problems: string[] }> {
  const aside = join(store, '..', `${store.split('/').at(-1)}-aside`);
  await mkdir(aside);
  for (const name of (await readdir(store)).filter((n) => n.startsWith('catalog.sqlite'))) await rename(join(store, name), join(aside, name));
  for (const path of alsoAside) await rename(join(store, path), join(aside, path.replaceAll('/', '_')));
  const rerun = await cli(embedArgs(store));
  const compared = await compareWithClean(store, clean, TABLE);
  return { lost: compared.lost, problems: rerun.code === 0 ? compared.problems : [`recovery run failed: ${rerun.error}`, ...compared.problems] };
}

describe('corrupted store', () => {
  it('truncated LanceDB data file: reported on first read with the recovery path, then recovered', async ({ task }) => {
    const store = await copyOfClean('truncated-fragment');
    const dataDir = join(store, 'lance', `${TABLE}.lance`, 'data');
    const files = await Promise.all((await readdir(dataDir)).map(async (f) => ({ f, size: (await stat(join(dataDir, f))).size })));
    const victim = files.sort((a, b) => b.size - a.size)[0]!;
    await truncate(join(dataDir, victim.f), Math.floor(victim.size / 3));
    const read = await cli(['export-h5', '--store', store, '--dataset', datasetId, '--out', join(root, 'out.h5')]);
    const problems: string[] = [];
    if (read.code !== 1 || !/damaged/.test(read.error ?? '') || !(read.error ?? '').includes(RECOVERY) || read.stderr.trim().split('\n').length !== 1) {
      problems.push(`read of a damaged table: ${read.stderr}`);
    }
    const recovered = await recover(store, [`lance/${TABLE}.lance`]);
    problems.push(...recovered.problems);
    recordFault(task.meta, { scenario: 'corrupt: truncated .lance file', trials: 1, passed: problems.length === 0 ? 1 : 0, recordsLost: recovered.lost, note: 'export-h5 reads it' });
    expect(problems).toEqual([]);
    expect(recovered.lost).toBe(0);
  });

  for (const damage of ['truncated', 'garbled'] as const) {
    it(`${damage} catalog.sqlite: refused on open with the recovery path, then rebuilt without duplicates`, async ({ task }) => {
      const store = await copyOfClean(`${damage}-catalog`);
      const path = join(store, 'catalog.sqlite');
      if (damage === 'truncated') await truncate(path, 8192);
      else {
        // Overwrite the third page (table b-tree pages) with a pattern: a valid header, broken structure.
        const handle = await open(path, 'r+');
        await handle.write(Buffer.alloc(4096, 0xa5), 0, 4096, 8192);
        await handle.close();
      }
      const problems: string[] = [];
      for (const args of [['store', 'info', '--store', store], embedArgs(store)]) {
        const run = await cli(args);
        if (run.code !== 1 || !/catalog .* cannot be opened/.test(run.error ?? '') || !(run.error ?? '').includes(RECOVERY)) problems.push(`${args[0]}: ${run.stderr}`);
      }
      const recovered = await recover(store);
      problems.push(...recovered.problems);
      recordFault(task.meta, { scenario: `corrupt: ${damage} catalog.sqlite`, trials: 1, passed: problems.length === 0 ? 1 : 0, recordsLost: recovered.lost, note: 'store info + embed refuse' });
      expect(problems).toEqual([]);
      expect(recovered.lost).toBe(0);
    });
  }

  it('vectors missing behind the catalog: loading them fails instead of searching a partial reference', async ({ task }) => {
    const store = await copyOfClean('missing-rows');
    const db = await lancedb.connect(join(store, 'lance'));
    const table = await db.openTable(TABLE);
    await table.delete('record <= 10');
    table.close();
    db.close();
    const opened = await Store.open(store, { readonly: true });
    const loaded = await loadStoredVectors(opened, datasetId, 'dna-kmer', 0).then(() => 'loaded', (error: { code?: string; message: string }) => `${error.code}: ${error.message}`);
    await opened.close();
    recordFault(task.meta, { scenario: 'corrupt: rows lost behind catalog', trials: 1, passed: loaded.startsWith('store_corrupt') ? 1 : 0, recordsLost: 0, note: 'loadStoredVectors' });
    expect(loaded).toMatch(/^store_corrupt: table emb_dna_kmer_l0 holds 190 vectors .* recorded 200/);
  });
});
