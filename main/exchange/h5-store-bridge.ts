import { resolve, basename } from 'node:path';
import { z } from 'zod';
import { parseRequest } from '../api/parse-request.ts';
import { EngineError } from '../shared/engine-error.ts';
import { Store } from '../store/store.ts';
import { embeddingSchema, embeddingTableName, sequencesSchema, SEQUENCES_TABLE, sqlString } from '../store/lance-schemas.ts';
import { embeddingTable, sequencesTable } from '../store/arrow-batches.ts';
import { datasetIdFor, fingerprintFile } from '../io/dataset-fingerprint.ts';
import { guessAlphabet } from '../io/alphabet.ts';
import { readFantasiaH5, writeFantasiaH5, type EmbeddingEntry } from './fantasia-h5.ts';
import { writeRunRecord } from '../embed/run-record.ts';

const path = z.string().min(1).max(4096);

export const ExportH5Request = z
  .object({ store: path, dataset: z.string().min(1).max(256), out: path, model: z.string().min(1).max(256).optional(), layers: z.array(z.number().int().nonnegative()).min(1).max(1024).optional() })
  .strict();
export type ExportH5Request = z.input<typeof ExportH5Request>;
export interface ExportH5Result {
  out: string;
  accessions: number;
  embeddings: number;
}

export const ImportH5Request = z.object({ store: path, input: path, dataset: z.string().min(1).max(256).optional() }).strict();
export type ImportH5Request = z.input<typeof ImportH5Request>;
export interface ImportH5Result {
  datasetId: string;
  accessions: number;
  embeddings: number;
  tables: string[];
}

/** Exports a dataset's stored embeddings (every model and layer, or the chosen ones) in FANTASIA's HDF5 layout. */
export async function exportEmbeddingsToH5(input: ExportH5Request): Promise<ExportH5Result> {
  const request = parseRequest(ExportH5Request, input, 'export-h5 request');
  const store = await Store.open(request.store);
  try {
    const dataset = store.catalog.getDataset(request.dataset);
    if (!dataset) throw new EngineError('unknown_dataset', `store ${store.dir} has no dataset "${request.dataset}" (seqatlas store info --store ${store.dir})`);
    const chosen = store.catalog
      .listEmbeddings(dataset.id)
      .filter((e) => (request.model === undefined || e.model === request.model) && (request.layers === undefined || request.layers.includes(e.layer)));
    if (chosen.length === 0) throw new EngineError('unknown_layer', `dataset ${dataset.id} has no embeddings${request.model ? ` of model ${request.model}` : ''}${request.layers ? ` at layers ${request.layers.join(',')}` : ''}`);
    const sequences = new Map<string, string>();
    for await (const batch of store.lance.scan(SEQUENCES_TABLE, `dataset_id = ${sqlString(dataset.id)}`, ['seq_id', 'sequence'])) {
      const ids = batch.getChild('seq_id')!;
      const seqs = batch.getChild('sequence')!;
      for (let i = 0; i < batch.numRows; i += 1) sequences.set(ids.get(i) as string, seqs.get(i) as string);
    }
    async function* entries(): AsyncGenerator<EmbeddingEntry> {
      for (const embedding of chosen) {
        for await (const batch of store.lance.scan(embedding.table_name, `dataset_id = ${sqlString(dataset!.id)}`, ['seq_id', 'vector'])) {
          const ids = batch.getChild('seq_id')!;
          const vectors = batch.getChild('vector')!;
          for (let i = 0; i < batch.numRows; i += 1) {
            const accession = ids.get(i) as string;
            yield { accession, sequence: sequences.get(accession) ?? '', model: embedding.model, layer: embedding.layer, vector: Float32Array.from((vectors.get(i) as { toArray(): Float32Array }).toArray()) };
          }
        }
      }
    }
    const out = resolve(request.out);
    const written = await writeFantasiaH5(out, entries()).catch((error: Error & { code?: string }) => {
      throw error.code === 'h5_invalid' ? new EngineError('h5_invalid', error.message) : new EngineError('store_write_failed', `cannot write ${out}: ${error.message.split('\n')[0]}`);
    });
    return { out, ...written };
  } finally {
    await store.close();
  }
}

/**
 * Imports an HDF5 file in FANTASIA's layout as a dataset: its sequences and, per model and layer, its vectors.
 * All-or-nothing: the file is fully read and validated before anything is written, and a failure while writing
 * removes this dataset's rows again, so the store never holds half an import.
 */
export async function importEmbeddingsFromH5(requestInput: ImportH5Request): Promise<ImportH5Result> {
  const request = parseRequest(ImportH5Request, requestInput, 'import-h5 request');
  const input = resolve(request.input);
  const { entries } = await readFantasiaH5(input, { strict: true }).catch((error: Error & { code?: string }) => {
    throw error.code === 'h5_invalid' ? new EngineError('h5_invalid', error.message) : error;
  });
  if (entries.length === 0) throw new EngineError('h5_invalid', `${input}: no embeddings found in FANTASIA layout (/accession_<id>/type_<model>/layer_<k>/embedding)`);
  const groups = new Map<string, { model: string; layer: number; dim: number; rows: EmbeddingEntry[] }>();
  const sequences = new Map<string, string>();
  for (const entry of entries) {
    const key = `${entry.model}\u0000${entry.layer}`;
    const group = groups.get(key) ?? { model: entry.model, layer: entry.layer, dim: entry.vector.length, rows: [] };
    if (entry.vector.length !== group.dim) {
      throw new EngineError('h5_invalid', `${input}: /accession_${entry.accession}/type_${entry.model}/layer_${entry.layer}/embedding has ${entry.vector.length} values, other accessions of that model and layer have ${group.dim}`);
    }
    group.rows.push(entry);
    groups.set(key, group);
    if (!sequences.has(entry.accession)) sequences.set(entry.accession, entry.sequence);
  }
  const fingerprint = await fingerprintFile(input);
  const datasetId = datasetIdFor(input, fingerprint, request.dataset);
  // Majority over the first sequences, so one odd sequence cannot flip the dataset's alphabet.
  const sampled = [...sequences.values()].filter((s) => s.length > 0).slice(0, 200);
  const alphabet = sampled.filter((s) => guessAlphabet(s) === 'dna').length * 2 > sampled.length ? 'dna' : 'protein';
  const store = await Store.open(request.store, { create: true, lockFor: `importing ${basename(input)}` });
  const tables: string[] = [];
  try {
    if (store.catalog.getDataset(datasetId)?.status === 'ready') {
      throw new EngineError('bad_request', `store ${store.dir} already has dataset ${datasetId} from this file`);
    }
    const jobId = `import-h5:${datasetId}`;
    try {
      const ids = [...sequences.keys()];
      const recordOf = new Map(ids.map((id, i) => [id, i + 1] as const));
      store.catalog.upsertDatasetForImport({ id: datasetId, name: request.dataset ?? basename(input), source_path: input, fingerprint, format: 'hdf5', alphabet, import_job: jobId, reading: null });
      await store.lance.deleteWhere(SEQUENCES_TABLE, `dataset_id = ${sqlString(datasetId)}`);
      await store.lance.add(SEQUENCES_TABLE, sequencesSchema, sequencesTable(sequencesSchema, ids.map((id) => ({
        dataset_id: datasetId, seq_id: id, record: recordOf.get(id)!, description: '', sequence: sequences.get(id)!, length: sequences.get(id)!.length,
        alphabet, sample: null, size: null, batch: 0,
      }))));
      for (const group of groups.values()) {
        const table = embeddingTableName(group.model, group.layer);
        const schema = embeddingSchema(group.dim);
        const vectors = new Float32Array(group.rows.length * group.dim);
        group.rows.forEach((row, i) => vectors.set(row.vector, i * group.dim));
        await store.lance.deleteWhere(table, `dataset_id = ${sqlString(datasetId)}`);
        await store.lance.add(table, schema, embeddingTable(schema, {
          datasetId, seqIds: group.rows.map((r) => r.accession), records: Int32Array.from(group.rows, (r) => recordOf.get(r.accession)!),
          lengths: Int32Array.from(group.rows, (r) => r.sequence.length), model: group.model, layer: group.layer, batch: 0, vectors, dim: group.dim,
        }));
        store.catalog.upsertEmbedding({ dataset_id: datasetId, model: group.model, model_version: 'hdf5-import', layer: group.layer, table_name: table, dim: group.dim, count: group.rows.length, job_id: jobId });
        tables.push(table);
      }
      store.catalog.markDatasetReady(datasetId, { records_read: sequences.size, accepted: sequences.size, rejected: 0 });
    } catch (error) {
      await store.lance.deleteWhere(SEQUENCES_TABLE, `dataset_id = ${sqlString(datasetId)}`).catch(() => undefined);
      for (const table of tables) await store.lance.deleteWhere(table, `dataset_id = ${sqlString(datasetId)}`).catch(() => undefined);
      store.catalog.deleteDataset(datasetId);
      throw error;
    }
    await writeRunRecord(store, {
      kind: 'import-h5', jobId: `import-h5:${datasetId}`, config: { input, store: store.dir, dataset: datasetId }, provider: 'none', fallbacks: [],
      model: { id: [...new Set([...groups.values()].map((g) => g.model))].join(','), version: 'hdf5-import', precision: 'fp32' },
      result: { datasetId, accessions: sequences.size, embeddings: entries.length, tables },
    });
    return { datasetId, accessions: sequences.size, embeddings: entries.length, tables };
  } finally {
    await store.close();
  }
}
