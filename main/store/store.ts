import { mkdir, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { EngineError } from '../shared/engine-error.ts';
import { SEQATLAS_VERSION } from '../shared/version.ts';
import { Catalog } from './catalog.ts';
import { LanceStore } from './lance-store.ts';
import { acquireStoreLock } from './store-lock.ts';
import { MANIFEST_TEMP_SUFFIX, newStoreManifest, readStoreManifest, STORE_MANIFEST_FILE, writeStoreManifest, type StoreManifest } from './store-manifest.ts';

export const CATALOG_FILE = 'catalog.sqlite';
export const LANCE_DIR = 'lance';
export const RUNS_DIR = 'runs';

/**
 * A store is a folder the user picks (often on a removable drive):
 *   store.json      format marker and version
 *   catalog.sqlite  datasets, jobs and checkpoints, runs, import reports (better-sqlite3, WAL)
 *   lance/          LanceDB: `sequences` and one `emb_<model>_l<layer>` table per model and layer
 *   runs/<id>/      outputs of runs (configs, reports, exports)
 */
export class Store {
  private constructor(
    readonly dir: string,
    readonly manifest: StoreManifest,
    readonly catalog: Catalog,
    readonly lance: LanceStore,
    private readonly unlock: (() => Promise<void>) | undefined,
  ) {}

  /**
   * Opens a store; `create` makes the folder a store when it is not one yet (an empty or missing folder only,
   * so a typo never turns someone's documents folder into a store). `lockFor` takes the single-writer lock.
   */
  static async open(dirInput: string, options: { create?: boolean; lockFor?: string; readonly?: boolean } = {}): Promise<Store> {
    const dir = resolve(dirInput);
    let manifest = await readStoreManifest(dir);
    if (!manifest) {
      if (!options.create) {
        const exists = await stat(dir).then(() => true, () => false);
        throw new EngineError(exists ? 'store_not_a_store' : 'store_missing', exists ? `${dir} is not a SeqAtlas store (no store.json)` : `store folder ${dir} does not exist (drive not connected?)`);
      }
      manifest = await createStore(dir);
    }
    const unlock = options.lockFor ? await acquireStoreLock(dir, options.lockFor) : undefined;
    try {
      const catalog = Catalog.open(join(dir, CATALOG_FILE), { readonly: options.readonly ?? false });
      const lance = await LanceStore.open(join(dir, LANCE_DIR));
      if (!options.readonly && manifest.lastWrittenBy !== SEQATLAS_VERSION) {
        manifest = { ...manifest, lastWrittenBy: SEQATLAS_VERSION };
        await writeStoreManifest(dir, manifest);
      }
      return new Store(dir, manifest, catalog, lance, unlock);
    } catch (error) {
      await unlock?.();
      throw error;
    }
  }

  runDir(runId: string): string {
    return join(this.dir, RUNS_DIR, runId);
  }

  async close(): Promise<void> {
    this.lance.close();
    this.catalog.close();
    await this.unlock?.();
  }
}

/**
 * Makes `dir` a store. Two jobs may create the same new store at once (the second then waits on the lock): the
 * marker goes first, so a creator that finds the folder no longer empty can tell a store being created (marker
 * present) from someone's files.
 */
async function createStore(dir: string): Promise<StoreManifest> {
  try {
    await ensureEmptyOrMissing(dir);
  } catch (error) {
    const createdMeanwhile = await readStoreManifest(dir);
    if (createdMeanwhile) return createdMeanwhile;
    throw error;
  }
  await mkdir(dir, { recursive: true });
  const manifest = newStoreManifest();
  await writeStoreManifest(dir, manifest);
  await mkdir(join(dir, LANCE_DIR), { recursive: true });
  return manifest;
}

async function ensureEmptyOrMissing(dir: string): Promise<void> {
  const all = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw new EngineError('store_write_failed', `cannot create store in ${dir}: ${error.message}`);
  });
  // Another creator's marker in the making is not someone's file.
  const entries = all.filter((name) => !(name.startsWith(`${STORE_MANIFEST_FILE}.`) && name.endsWith(MANIFEST_TEMP_SUFFIX)));
  if (entries.length > 0) {
    throw new EngineError('store_not_a_store', `${dir} is not empty and not a SeqAtlas store; choose an empty or new folder for a new store`);
  }
}
