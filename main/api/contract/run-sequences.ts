import { EngineError } from '../../shared/engine-error.ts';
import { loadSequences } from '../../store/stored-vectors.ts';
import { Store } from '../../store/store.ts';
import { runDataset } from './run-dataset.ts';

export interface RunSequences {
  datasetId: string;
  /** In the order the ids were asked for. */
  sequences: { id: string; sequence: string }[];
}

/** The stored sequences of some reads of a run (classify or cluster), from the dataset its run.json names. */
export async function readRunSequences(runDir: string, ids: readonly string[]): Promise<RunSequences> {
  const { store: dir, datasetId } = await runDataset(runDir);
  const store = await Store.open(dir, { readonly: true });
  try {
    if (!store.catalog.getDataset(datasetId)) throw new EngineError('unknown_dataset', `store ${store.dir} has no dataset "${datasetId}" (named by ${runDir}/run.json)`);
    const found = await loadSequences(store, datasetId, new Set(ids));
    const missing = ids.find((id) => !found.has(id));
    if (missing !== undefined) throw new EngineError('input_changed', `read "${missing}" is not in dataset ${datasetId} of store ${store.dir}`);
    return { datasetId, sequences: ids.map((id) => ({ id, sequence: found.get(id)!.sequence })) };
  } finally {
    await store.close();
  }
}
