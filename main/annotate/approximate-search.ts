import * as lancedb from '@lancedb/lancedb';
import type { KnnHit, Metric } from '../lookup/index.ts';
import { EngineError } from '../shared/engine-error.ts';
import { sqlString } from '../store/lance-schemas.ts';
import type { Store } from '../store/store.ts';

export interface ApproximateOptions {
  nprobes: number;
  refineFactor: number;
  /** Candidates asked of the index per query (k, or more when filters will drop some). */
  fetch: number;
}

const INDEX_COLUMN = 'vector';
/** Below this many training rows IVF-PQ cannot learn its 256-centroid codebooks. */
const MIN_INDEX_ROWS = 256;

/**
 * Makes sure an embedding table has an IVF-PQ index on its vectors, built for `metric`. The index covers every
 * dataset in the table (searches prefilter on the dataset id); rows added after it was built are searched flat
 * by LanceDB until `optimize` folds them in, which happens here once they exceed a tenth of the indexed rows.
 */
export async function ensureVectorIndex(store: Store, tableName: string, metric: Metric, dim: number): Promise<{ built: boolean; seconds: number }> {
  const started = performance.now();
  const table = await store.lance.table(tableName);
  const indices = await table.listIndices();
  const existing = indices.find((index) => index.columns.includes(INDEX_COLUMN));
  if (existing) {
    const stats = await table.indexStats(existing.name);
    if (stats && stats.distanceType === distanceType(metric)) {
      if (stats.numUnindexedRows > stats.numIndexedRows / 10) await table.optimize();
      return { built: false, seconds: (performance.now() - started) / 1000 };
    }
  }
  const rows = await table.countRows();
  if (rows < MIN_INDEX_ROWS) {
    throw new EngineError('invalid_config', `table ${tableName} has ${rows} vectors; an approximate index needs at least ${MIN_INDEX_ROWS} (raise approximate.min_references)`);
  }
  try {
    await table.createIndex(INDEX_COLUMN, {
      replace: true,
      config: lancedb.Index.ivfPq({
        distanceType: distanceType(metric),
        // √n partitions and 16-dim sub-vectors (4 when 16 does not divide the width) are LanceDB's usual choices.
        numPartitions: Math.max(1, Math.round(Math.sqrt(rows))),
        numSubVectors: dim % 16 === 0 ? dim / 16 : dim % 4 === 0 ? dim / 4 : 1,
      }),
    });
  } catch (error) {
    throw new EngineError('store_write_failed', `building the vector index of ${tableName} failed: ${(error as Error).message.split('\n')[0]}`);
  }
  return { built: true, seconds: (performance.now() - started) / 1000 };
}

/**
 * Approximate k-NN through the table's IVF-PQ index, restricted to one dataset (prefilter), re-ranked on full
 * vectors by refineFactor. Distances come back in the exact search's terms: LanceDB's l2 is squared, so its root
 * is taken. Hits map back to reference rows by sequence id.
 */
export async function approximateSearch(
  store: Store,
  tableName: string,
  datasetId: string,
  rowOf: ReadonlyMap<string, number>,
  queries: Float32Array,
  queryCount: number,
  dim: number,
  metric: Metric,
  options: ApproximateOptions,
): Promise<KnnHit[][]> {
  const table = await store.lance.table(tableName);
  const filter = `dataset_id = ${sqlString(datasetId)}`;
  const results: KnnHit[][] = [];
  for (let q = 0; q < queryCount; q += 1) {
    const vector = Array.from(queries.subarray(q * dim, (q + 1) * dim));
    const rows = (await table
      .vectorSearch(vector)
      .distanceType(distanceType(metric))
      .where(filter)
      .nprobes(options.nprobes)
      .refineFactor(options.refineFactor)
      .limit(options.fetch)
      .select(['seq_id', '_distance'])
      .toArray()) as { seq_id: string; _distance: number }[];
    const hits: KnnHit[] = [];
    for (const row of rows) {
      const index = rowOf.get(row.seq_id);
      if (index === undefined) continue;
      hits.push({ index, distance: metric === 'euclidean' ? Math.sqrt(Math.max(0, row._distance)) : Math.max(0, row._distance) });
    }
    hits.sort((a, b) => a.distance - b.distance || a.index - b.index);
    results.push(hits);
  }
  return results;
}

const distanceType = (metric: Metric): 'cosine' | 'l2' => (metric === 'cosine' ? 'cosine' : 'l2');
