import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { Store } from '../../main/store/store.ts';
import { describeStore } from '../../main/store/store-description.ts';
import { CATALOG_SCHEMA_VERSION } from '../../main/store/catalog-migrations.ts';
import { STORE_FORMAT } from '../../main/store/store-manifest.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();

describe('Store.open', () => {
  it('creates a store in a missing folder with store.json, catalog and LanceDB folder', async () => {
    const dir = join(await tempDir(), 'E-drive', 'SeqAtlas');
    const store = await Store.open(dir, { create: true });
    await store.close();
    const manifest = JSON.parse(await readFile(join(dir, 'store.json'), 'utf8'));
    expect(manifest).toMatchObject({ kind: 'seqatlas-store', format: STORE_FORMAT });
    const db = new Database(join(dir, 'catalog.sqlite'), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(CATALOG_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('refuses to open a missing store without create, naming the folder', async () => {
    const dir = join(await tempDir(), 'nowhere');
    await expect(Store.open(dir)).rejects.toMatchObject({ code: 'store_missing', message: expect.stringContaining(dir) });
  });

  it('never turns a non-empty folder into a store', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'thesis.docx'), 'important');
    await expect(Store.open(dir, { create: true })).rejects.toMatchObject({ code: 'store_not_a_store' });
    expect(await readFile(join(dir, 'thesis.docx'), 'utf8')).toBe('important');
  });

  it('gives a clear error for a store written by a newer format', async () => {
    const dir = await tempDir();
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'store.json'), JSON.stringify({ kind: 'seqatlas-store', format: STORE_FORMAT + 1, createdBy: '9.0.0', createdAt: 'x' }));
    await expect(Store.open(dir)).rejects.toMatchObject({ code: 'store_too_new', message: expect.stringMatching(/format 2 .*update SeqAtlas/) });
  });

  it('reports a damaged store.json instead of crashing', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'store.json'), '{"kind": "seqatlas-st');
    await expect(Store.open(dir)).rejects.toMatchObject({ code: 'store_corrupt' });
  });

  it('reports a catalog that is not SQLite with the recovery hint', async () => {
    const dir = join(await tempDir(), 's');
    await (await Store.open(dir, { create: true })).close();
    await writeFile(join(dir, 'catalog.sqlite'), Buffer.alloc(4096, 7));
    await expect(Store.open(dir)).rejects.toMatchObject({ code: 'store_corrupt', message: expect.stringContaining('catalog.sqlite') });
  });

  it('migrates an older catalog schema forward when opened', async () => {
    const dir = join(await tempDir(), 's');
    await (await Store.open(dir, { create: true })).close();
    const db = new Database(join(dir, 'catalog.sqlite'));
    expect(db.pragma('user_version', { simple: true })).toBe(CATALOG_SCHEMA_VERSION);
    db.close();
    const store = await Store.open(dir);
    expect(store.catalog.listDatasets()).toEqual([]);
    await store.close();
  });

  it('adds the datasets\' reading column to a store of schema 2, keeping its datasets (read-only opens leave it as it was)', async () => {
    const dir = join(await tempDir(), 's');
    await (await Store.open(dir, { create: true })).close();
    // The catalog as the previous release wrote it: no reading column, user_version 2, one dataset.
    const db = new Database(join(dir, 'catalog.sqlite'));
    db.exec(`ALTER TABLE datasets DROP COLUMN reading; PRAGMA user_version = 2;
      INSERT INTO datasets (id, name, source_path, fingerprint, format, alphabet, status, created_at, updated_at)
      VALUES ('reads-1a2b3c4d', 'reads', '/data/reads.fasta', 'f', 'fasta', 'dna', 'ready', 't', 't')`);
    db.close();
    const readonly = await Store.open(dir, { readonly: true });
    expect(readonly.catalog.getDataset('reads-1a2b3c4d')).toMatchObject({ name: 'reads' });
    await readonly.close();
    const store = await Store.open(dir);
    expect(store.catalog.getDataset('reads-1a2b3c4d')).toMatchObject({ name: 'reads', reading: null });
    await store.close();
    const migrated = new Database(join(dir, 'catalog.sqlite'));
    expect(migrated.pragma('user_version', { simple: true })).toBe(CATALOG_SCHEMA_VERSION);
    migrated.close();
  });

  it('lets one writer hold a store and names the holder to the second', async () => {
    const dir = join(await tempDir(), 's');
    const first = await Store.open(dir, { create: true, lockFor: 'embedding test' });
    await expect(Store.open(dir, { lockFor: 'second job' })).rejects.toMatchObject({ code: 'store_locked', message: expect.stringContaining('embedding test') });
    await first.close();
    const second = await Store.open(dir, { lockFor: 'second job' });
    await second.close();
  });

  it('takes over a lock left by a dead process', async () => {
    const dir = join(await tempDir(), 's');
    await (await Store.open(dir, { create: true })).close();
    const { hostname } = await import('node:os');
    await writeFile(join(dir, 'store.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), since: 'then', purpose: 'killed job' }));
    const store = await Store.open(dir, { lockFor: 'new job' });
    await store.close();
  });

  it('describes a store without writing to it (store info on a write-protected card, or beside a running job)', async () => {
    const dir = join(await tempDir(), 'store');
    await (await Store.open(dir, { create: true })).close();
    const manifestPath = join(dir, 'store.json');
    const older = { ...JSON.parse(await readFile(manifestPath, 'utf8')), lastWrittenBy: '0.0.1' };
    await writeFile(manifestPath, `${JSON.stringify(older, null, 2)}\n`);
    const before = await readFile(manifestPath, 'utf8');
    const description = await describeStore(dir);
    expect(description.lastWrittenBy).toBe('0.0.1');
    expect(await readFile(manifestPath, 'utf8')).toBe(before);
  });
});
