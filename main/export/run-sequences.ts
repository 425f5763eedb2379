import { EngineError } from '../shared/engine-error.ts';
import { loadSequences } from '../store/stored-vectors.ts';
import { Store } from '../store/store.ts';
import { queryDataset, type RunFolder } from './run-folder.ts';

/** The stored sequences of a run's reads (those asked for), from the store its run.json names. */
export async function loadRunSequences(run: RunFolder, ids: ReadonlySet<string>): Promise<Map<string, string>> {
  const { store: dir, datasetId } = queryDataset(run);
  const store = await Store.open(dir, { readonly: true });
  try {
    if (!store.catalog.getDataset(datasetId)) throw new EngineError('unknown_dataset', `store ${store.dir} has no dataset "${datasetId}" (named by ${run.dir}/run.json)`);
    const found = await loadSequences(store, datasetId, ids);
    const missing = [...ids].find((id) => !found.has(id));
    if (missing !== undefined) throw new EngineError('input_changed', `read "${missing}" of ${run.dir} is not in dataset ${datasetId} of store ${store.dir}`);
    return new Map([...found].map(([id, record]) => [id, record.sequence]));
  } finally {
    await store.close();
  }
}
