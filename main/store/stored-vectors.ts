import { EngineError } from '../shared/engine-error.ts';
import { sqlString } from './lance-schemas.ts';
import { sortRowsInPlace } from './rows-in-order.ts';
import type { Store } from './store.ts';

/** One dataset's vectors of one (model, layer), in record order, as one row-major block. */
export interface StoredVectors {
  ids: string[];
  lengths: Int32Array;
  vectors: Float32Array;
  dim: number;
  count: number;
}

/**
 * Reads a dataset's embeddings for a (model, layer) into one contiguous Float32Array. Rows are put in record
 * order so that a search's tie-breaking (lower index first) and every output are the same whichever order the
 * batches were committed in.
 */
export async function loadStoredVectors(store: Store, datasetId: string, model: string, layer: number): Promise<StoredVectors> {
  const entry = store.catalog.listEmbeddings(datasetId).find((e) => e.model === model && e.layer === layer);
  if (!entry) {
    const have = store.catalog.listEmbeddings(datasetId).map((e) => `${e.model} layer ${e.layer}`);
    throw new EngineError('unknown_layer', `dataset ${datasetId} has no embeddings of model ${model} layer ${layer} (it has: ${have.join(', ') || 'none'})`);
  }
  // Each batch's vectors are copied straight into one block sized by the catalog's count, then sorted in place:
  // holding every batch (or a row object per read) until a sorted copy is made took twice the vectors' memory.
  const count = entry.count;
  const out = new Float32Array(count * entry.dim);
  const ids = new Array<string>(count);
  const records = new Float64Array(count);
  const lengths = new Int32Array(count);
  let seen = 0;
  for await (const batch of store.lance.scan(entry.table_name, `dataset_id = ${sqlString(datasetId)}`, ['seq_id', 'record', 'length', 'vector'])) {
    const batchIds = batch.getChild('seq_id')!;
    const batchRecords = batch.getChild('record')!;
    const batchLengths = batch.getChild('length')!;
    const values = batch.getChild('vector')!.getChildAt(0)!.toArray() as Float32Array;
    if (values.length !== batch.numRows * entry.dim) {
      throw new EngineError('store_corrupt', `table ${entry.table_name}: rows from ${batchIds.get(0) as string} have ${values.length / Math.max(1, batch.numRows)} values each, the catalog says ${entry.dim}`);
    }
    const fits = Math.max(0, Math.min(batch.numRows, count - seen));
    out.set(values.subarray(0, fits * entry.dim), seen * entry.dim);
    for (let i = 0; i < fits; i += 1) {
      ids[seen + i] = batchIds.get(i) as string;
      records[seen + i] = batchRecords.get(i) as number;
      lengths[seen + i] = batchLengths.get(i) as number;
    }
    seen += batch.numRows;
  }
  if (seen !== count) {
    // Fewer rows than were committed means lost data files; searching them would silently give wrong neighbours.
    throw new EngineError('store_corrupt', `table ${entry.table_name} holds ${seen} vectors of ${datasetId}, the catalog recorded ${count}; the store is damaged (see README "Recovering a damaged store")`);
  }
  const order = sortRowsInPlace(out, entry.dim, records);
  return { ids: Array.from(order, (i) => ids[i]!), lengths: Int32Array.from(order, (i) => lengths[i]!), vectors: out, dim: entry.dim, count };
}

/** seq_id → (sequence, description) of a dataset, for the ids asked for only. */
export async function loadSequences(store: Store, datasetId: string, wanted?: ReadonlySet<string>): Promise<Map<string, { sequence: string; description: string }>> {
  const out = new Map<string, { sequence: string; description: string }>();
  for await (const batch of store.lance.scan('sequences', `dataset_id = ${sqlString(datasetId)}`, ['seq_id', 'sequence', 'description'])) {
    const ids = batch.getChild('seq_id')!;
    const sequences = batch.getChild('sequence')!;
    const descriptions = batch.getChild('description')!;
    for (let i = 0; i < batch.numRows; i += 1) {
      const id = ids.get(i) as string;
      if (!wanted || wanted.has(id)) out.set(id, { sequence: sequences.get(i) as string, description: descriptions.get(i) as string });
    }
  }
  return out;
}

/** seq_id → a value derived from the record's description, for the records where `pick` finds one. */
export async function mapDescriptions(store: Store, datasetId: string, pick: (description: string) => string | undefined): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const batch of store.lance.scan('sequences', `dataset_id = ${sqlString(datasetId)}`, ['seq_id', 'description'])) {
    const ids = batch.getChild('seq_id')!;
    const descriptions = batch.getChild('description')!;
    for (let i = 0; i < batch.numRows; i += 1) {
      const value = pick(descriptions.get(i) as string);
      if (value !== undefined) out.set(ids.get(i) as string, value);
    }
  }
  return out;
}

/** seq_id → the `;sample=` and `;size=` tags its header carried (null where absent), for a dataset. */
export async function loadSampleTags(store: Store, datasetId: string): Promise<Map<string, { sample: string | null; size: number | null }>> {
  const out = new Map<string, { sample: string | null; size: number | null }>();
  for await (const batch of store.lance.scan('sequences', `dataset_id = ${sqlString(datasetId)}`, ['seq_id', 'sample', 'size'])) {
    const ids = batch.getChild('seq_id')!;
    const samples = batch.getChild('sample')!;
    const sizes = batch.getChild('size')!;
    for (let i = 0; i < batch.numRows; i += 1) {
      out.set(ids.get(i) as string, { sample: (samples.get(i) as string | null) ?? null, size: (sizes.get(i) as number | null) ?? null });
    }
  }
  return out;
}
