import { z } from 'zod';
import { EngineError } from '../shared/engine-error.ts';
import { loadSequences } from './stored-vectors.ts';
import { Store } from './store.ts';

/** Where a run's reads live: a store and the datasets they were embedded as (one per input file). */
export interface RunReads {
  store: string;
  datasetIds: string[];
  /** A classify run that compared both strands: the datasets of the files' reverse complements. */
  reverseDatasetIds: string[];
}

/** In a classify run folder: the reads named from their reverse complement, one id per line (absent when none were). */
export const REVERSE_STRAND_FILE = 'reverse_strand.txt';

/**
 * A run.json's record of its reads: `query` of a classify run, `input` of a cluster run of stored embeddings.
 * `datasets` lists every input file's dataset; `datasetId` alone is what runs of one file (and runs written before
 * several files were possible) record. Other keys are ignored.
 */
const Reads = z.object({
  store: z.string().min(1).nullish(),
  datasetId: z.string().min(1).nullish(),
  datasets: z.array(z.object({ datasetId: z.string().min(1), reverseDatasetId: z.string().min(1).optional() }).passthrough()).min(1).nullish(),
});
const RunJson = z.object({ query: Reads.nullish(), input: Reads.nullish() }).passthrough();

/** The reads a run.json names, or null when it names none (a run of a vectors file or of an HDF5 file). */
export function runReadsOf(record: unknown): RunReads | null {
  const parsed = RunJson.safeParse(record);
  if (!parsed.success) return null;
  for (const reads of [parsed.data.query, parsed.data.input]) {
    const datasetIds = reads?.datasets?.map((d) => d.datasetId) ?? (reads?.datasetId ? [reads.datasetId] : []);
    const reverseDatasetIds = (reads?.datasets ?? []).flatMap((d) => (d.reverseDatasetId ? [d.reverseDatasetId] : []));
    if (reads?.store && datasetIds.length > 0) return { store: reads.store, datasetIds, reverseDatasetIds };
  }
  return null;
}

/** The stored sequences of some reads of a run (folder `runDir`, named in errors), looked up in each of its datasets. */
export async function loadReadSequences(reads: RunReads, ids: ReadonlySet<string>, runDir: string): Promise<Map<string, string>> {
  const store = await Store.open(reads.store, { readonly: true });
  try {
    const found = new Map<string, string>();
    for (const datasetId of reads.datasetIds) {
      if (!store.catalog.getDataset(datasetId)) throw new EngineError('unknown_dataset', `store ${store.dir} has no dataset "${datasetId}" (named by ${runDir}/run.json)`);
      const wanted = new Set([...ids].filter((id) => !found.has(id)));
      if (wanted.size === 0) break;
      for (const [id, record] of await loadSequences(store, datasetId, wanted)) found.set(id, record.sequence);
    }
    const missing = [...ids].find((id) => !found.has(id));
    if (missing !== undefined) throw new EngineError('input_changed', `read "${missing}" of ${runDir} is in none of its datasets (${reads.datasetIds.join(', ')}) of store ${store.dir}`);
    return found;
  } finally {
    await store.close();
  }
}
