import type { Schema } from 'apache-arrow';
import type { SeqRecord } from '../io/seq-record.ts';
import type { LanceStore } from '../store/lance-store.ts';
import { embeddingTable, sequencesTable, type SequenceRow } from '../store/arrow-batches.ts';
import { embeddingTableName, sequencesSchema, SEQUENCES_TABLE } from '../store/lance-schemas.ts';
import type { LayerSpec } from './sequence-embedder.ts';

export interface BatchToWrite {
  index: number;
  records: readonly SeqRecord[];
  /** Per layer, row-major [records × dim]. */
  vectors: readonly Float32Array[];
  datasetId: string;
  alphabet: string;
  writesSequences: boolean;
  model: string;
  dim: number;
  layers: readonly LayerSpec[];
  schemas: ReadonlyMap<number, Schema>;
}

/** Writes one batch's rows, each tagged with the batch number so resume can delete an uncheckpointed batch. */
export async function writeBatch(lance: LanceStore, batch: BatchToWrite): Promise<void> {
  const { records, index, datasetId } = batch;
  if (batch.writesSequences) {
    const rows: SequenceRow[] = records.map((r) => ({
      dataset_id: datasetId, seq_id: r.id, record: r.recordNumber, description: r.description, sequence: r.sequence,
      length: r.sequence.length, alphabet: batch.alphabet, sample: r.sample ?? null, size: r.size ?? null, batch: index,
    }));
    await lance.add(SEQUENCES_TABLE, sequencesSchema, sequencesTable(sequencesSchema, rows));
  }
  const seqIds = records.map((r) => r.id);
  const recordNumbers = Int32Array.from(records, (r) => r.recordNumber);
  const lengths = Int32Array.from(records, (r) => r.sequence.length);
  for (const [i, layer] of batch.layers.entries()) {
    const schema = batch.schemas.get(layer.id)!;
    await lance.add(embeddingTableName(batch.model, layer.id), schema, embeddingTable(schema, {
      datasetId, seqIds, records: recordNumbers, lengths, model: batch.model, layer: layer.id, batch: index, vectors: batch.vectors[i]!, dim: batch.dim,
    }));
  }
}
