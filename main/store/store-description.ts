import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readingFromCatalog, type FileReading } from '../io/file-reading.ts';
import { CATALOG_FILE, Store } from './store.ts';
import { SEQUENCES_TABLE, sqlString } from './lance-schemas.ts';

export interface StoreDescription {
  dir: string;
  format: number;
  createdBy: string;
  lastWrittenBy: string | undefined;
  datasets: {
    id: string;
    name: string;
    status: string;
    alphabet: string;
    read: number;
    accepted: number;
    rejected: number;
    sequencesStored: number;
    /** How the file was read: gaps removed, cut to a primer region, the reverse strand. */
    reading: FileReading;
    embeddings: { model: string; modelVersion: string; layer: number; table: string; dim: number; count: number }[];
  }[];
  jobs: { id: string; status: string; lastBatch: number; recordsDone: number; provider: string | null; error: string | null }[];
  tables: string[];
}

/** A read-only summary of a store, for `seqatlas store info` and the UI's store view. */
export async function describeStore(dir: string): Promise<StoreDescription> {
  // Read-only, so `store info` works on a write-protected card and never races a job's writes; only a store that
  // was just created (no catalog yet) is opened for writing, which creates its empty catalog.
  const hasCatalog = await stat(join(dir, CATALOG_FILE)).then(() => true, () => false);
  const store = await Store.open(dir, { readonly: hasCatalog });
  try {
    const { catalog, lance } = store;
    const datasets = [];
    for (const d of catalog.listDatasets()) {
      datasets.push({
        id: d.id, name: d.name, status: d.status, alphabet: d.alphabet, read: d.records_read, accepted: d.accepted, rejected: d.rejected,
        sequencesStored: await lance.count(SEQUENCES_TABLE, `dataset_id = ${sqlString(d.id)}`),
        reading: readingFromCatalog(d.reading),
        embeddings: catalog.listEmbeddings(d.id).map((e) => ({ model: e.model, modelVersion: e.model_version, layer: e.layer, table: e.table_name, dim: e.dim, count: e.count })),
      });
    }
    return {
      dir: store.dir, format: store.manifest.format, createdBy: store.manifest.createdBy, lastWrittenBy: store.manifest.lastWrittenBy, datasets,
      jobs: catalog.listJobs().map((j) => ({ id: j.id, status: j.status, lastBatch: j.last_batch, recordsDone: j.records_done, provider: j.provider, error: j.error })),
      tables: await lance.tableNames(),
    };
  } finally {
    await store.close();
  }
}
