import { EngineError } from '../shared/engine-error.ts';
import { sqlString } from './lance-schemas.ts';
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
  const rows: { id: string; record: number; length: number; vector: Float32Array }[] = [];
  for await (const batch of store.lance.scan(entry.table_name, `dataset_id = ${sqlString(datasetId)}`, ['seq_id', 'record', 'length', 'vector'])) {
    const ids = batch.getChild('seq_id')!;
    const records = batch.getChild('record')!;
    const lengths = batch.getChild('length')!;
    const vectors = batch.getChild('vector')!;
    for (let i = 0; i < batch.numRows; i += 1) {
      const vector = (vectors.get(i) as { toArray(): Float32Array }).toArray();
      if (vector.length !== entry.dim) {
        throw new EngineError('store_corrupt', `table ${entry.table_name}: row ${ids.get(i) as string} has ${vector.length} values, the catalog says ${entry.dim}`);
      }
      rows.push({ id: ids.get(i) as string, record: records.get(i) as number, length: lengths.get(i) as number, vector });
    }
  }
  if (rows.length !== entry.count) {
    // Fewer rows than were committed means lost data files; searching them would silently give wrong neighbours.
    throw new EngineError('store_corrupt', `table ${entry.table_name} holds ${rows.length} vectors of ${datasetId}, the catalog recorded ${entry.count}; the store is damaged (see README "Recovering a damaged store")`);
  }
  rows.sort((a, b) => a.record - b.record);
  const out = new Float32Array(rows.length * entry.dim);
  rows.forEach((row, i) => out.set(row.vector, i * entry.dim));
  return { ids: rows.map((r) => r.id), lengths: Int32Array.from(rows, (r) => r.length), vectors: out, dim: entry.dim, count: rows.length };
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
