import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { readBundleManifest } from '../../classify/bundle/bundle-reader.ts';
import { isEngineError } from '../../shared/engine-error.ts';

/** Where the app keeps the classifier bundles it trains for a store: beside its runs, so they travel with it. */
export const storeBundlesDir = (store: string): string => join(resolve(store), 'bundles');

/** A classifier bundle of a store as the Run screen lists it; `problem` says why an unusable one cannot be used. */
export interface BundleListing {
  dir: string;
  name: string;
  reference: string | null;
  model: string | null;
  layer: number | null;
  created: string | null;
  ranks: string[];
  problem: string | null;
}

/** Every folder of `<store>/bundles`, newest first, each read by its bundle.json alone (heads are loaded by classify). */
export async function listStoreBundles(store: string): Promise<BundleListing[]> {
  const root = storeBundlesDir(store);
  const names = await readdir(root, { withFileTypes: true }).catch(() => []);
  const listings = await Promise.all(names.filter((entry) => entry.isDirectory() && !entry.name.startsWith('.')).map(async ({ name }): Promise<BundleListing> => {
    const dir = join(root, name);
    try {
      const manifest = await readBundleManifest(dir);
      return { dir, name, reference: manifest.provenance.reference, model: manifest.embedder.model, layer: manifest.embedder.layer, created: manifest.provenance.created, ranks: manifest.ranks.map((r) => r.rank), problem: null };
    } catch (error) {
      // A half-written or foreign folder is listed with its reason rather than hidden, so the user can remove it.
      if (!isEngineError(error)) throw error;
      return { dir, name, reference: null, model: null, layer: null, created: null, ranks: [], problem: error.message };
    }
  }));
  return listings.sort((a, b) => (b.created ?? '').localeCompare(a.created ?? '') || a.name.localeCompare(b.name));
}
