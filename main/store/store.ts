import { mkdir, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { EngineError } from '../shared/engine-error.ts';
import { SEQATLAS_VERSION } from '../shared/version.ts';
import { Catalog } from './catalog.ts';
import { LanceStore } from './lance-store.ts';
import { acquireStoreLock } from './store-lock.ts';
import { newStoreManifest, readStoreManifest, writeStoreManifest, type StoreManifest } from './store-manifest.ts';

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
      await ensureEmptyOrMissing(dir);
      await mkdir(join(dir, LANCE_DIR), { recursive: true });
      manifest = newStoreManifest();
      await writeStoreManifest(dir, manifest);
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

async function ensureEmptyOrMissing(dir: string): Promise<void> {
  const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw new EngineError('store_write_failed', `cannot create store in ${dir}: ${error.message}`);
  });
  if (entries.length > 0) {
    throw new EngineError('store_not_a_store', `${dir} is not empty and not a SeqAtlas store; choose an empty or new folder for a new store`);
  }
}
