import { arrow } from './arrow.ts';

const { Schema, Field, Utf8, Int32, Float32, FixedSizeList } = arrow;

export const SEQUENCES_TABLE = 'sequences';

/** One row per accepted record of a dataset. `batch` is the embedding batch that wrote the row, for resume. */
export const sequencesSchema = new Schema([
  new Field('dataset_id', new Utf8(), false),
  new Field('seq_id', new Utf8(), false),
  new Field('record', new Int32(), false),
  new Field('description', new Utf8(), false),
  new Field('sequence', new Utf8(), false),
  new Field('length', new Int32(), false),
  new Field('alphabet', new Utf8(), false),
  new Field('sample', new Utf8(), true),
  new Field('size', new Int32(), true),
  new Field('batch', new Int32(), false),
]);

/** One row per sequence for one (model, layer); a table per pair because vector dimensions differ. */
export function embeddingSchema(dim: number): import('apache-arrow').Schema {
  return new Schema([
    new Field('dataset_id', new Utf8(), false),
    new Field('seq_id', new Utf8(), false),
    new Field('record', new Int32(), false),
    new Field('length', new Int32(), false),
    new Field('model', new Utf8(), false),
    new Field('layer', new Int32(), false),
    new Field('batch', new Int32(), false),
    new Field('vector', new FixedSizeList(dim, new Field('item', new Float32(), true)), false),
  ]);
}

/** LanceDB table names allow [A-Za-z0-9_.-]; model ids are slugs already, layers may be negative (-1 = last). */
export function embeddingTableName(model: string, layer: number): string {
  const safeModel = model.replace(/[^A-Za-z0-9_]/g, '_');
  return `emb_${safeModel}_l${layer < 0 ? `m${-layer}` : layer}`;
}

/** SQL string literal for LanceDB filters: ids come from users' files, so quotes must be doubled. */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
