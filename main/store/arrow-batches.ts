import type { Schema, Table } from 'apache-arrow';
import { arrow } from './arrow.ts';

const { makeData, Struct, RecordBatch, Table: ArrowTable, vectorFromArray, Utf8, Int32, Float32 } = arrow;

export interface SequenceRow {
  dataset_id: string;
  seq_id: string;
  record: number;
  description: string;
  sequence: string;
  length: number;
  alphabet: string;
  sample: string | null;
  size: number | null;
  batch: number;
}

export interface EmbeddingRows {
  datasetId: string;
  seqIds: readonly string[];
  records: Int32Array;
  lengths: Int32Array;
  model: string;
  layer: number;
  batch: number;
  /** Row-major, seqIds.length × dim. */
  vectors: Float32Array;
  dim: number;
}

function tableOf(schema: Schema, length: number, children: import('apache-arrow').Data[]): Table {
  const struct = makeData({ type: new Struct(schema.fields), length, nullCount: 0, children });
  return new ArrowTable(new RecordBatch(schema, struct));
}

const utf8 = (values: readonly (string | null)[]) => vectorFromArray(values as (string | null)[], new Utf8()).data[0]!;
const int32 = (values: Int32Array) => makeData({ type: new Int32(), length: values.length, data: values });

export function sequencesTable(schema: Schema, rows: readonly SequenceRow[]): Table {
  const n = rows.length;
  const sizes = vectorFromArray(rows.map((r) => r.size), new Int32()).data[0]!;
  return tableOf(schema, n, [
    utf8(rows.map((r) => r.dataset_id)),
    utf8(rows.map((r) => r.seq_id)),
    int32(Int32Array.from(rows, (r) => r.record)),
    utf8(rows.map((r) => r.description)),
    utf8(rows.map((r) => r.sequence)),
    int32(Int32Array.from(rows, (r) => r.length)),
    utf8(rows.map((r) => r.alphabet)),
    utf8(rows.map((r) => r.sample)),
    sizes,
    int32(Int32Array.from(rows, (r) => r.batch)),
  ]);
}

/** Builds the vector column straight from the batch's Float32Array: no per-row arrays, no copies. */
export function embeddingTable(schema: Schema, rows: EmbeddingRows): Table {
  const n = rows.seqIds.length;
  const vectorType = schema.fields[7]!.type;
  const vectors = makeData({
    type: vectorType,
    length: n,
    nullCount: 0,
    child: makeData({ type: new Float32(), length: n * rows.dim, data: rows.vectors }),
  });
  return tableOf(schema, n, [
    utf8(Array(n).fill(rows.datasetId)),
    utf8(rows.seqIds),
    int32(rows.records),
    int32(rows.lengths),
    utf8(Array(n).fill(rows.model)),
    int32(new Int32Array(n).fill(rows.layer)),
    int32(new Int32Array(n).fill(rows.batch)),
    vectors,
  ]);
}
