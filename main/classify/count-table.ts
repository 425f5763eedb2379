import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { printable } from '../io/record-issue.ts';
import { EngineError } from '../shared/engine-error.ts';

/**
 * Columns that BIOM TSV (`biom convert --to-tsv`), QIIME 2 and older QIIME exports put after the samples: metadata,
 * not counts. Only trailing ones are dropped; a text column elsewhere is an error naming it.
 */
const METADATA_COLUMNS = new Set(['taxonomy', 'taxon', 'consensus lineage', 'confidence']);
const COUNT = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** A feature named by its sequence, as DADA2 names ASVs: IUPAC nucleotide codes only, and longer than any id. */
const SEQUENCE_NAME = /^[ACGTURYSWKMBDHVN]{20,}$/i;
/** Names quoted in messages are cut here: a sequence-named ASV is hundreds of letters. */
const QUOTED = 40;
export const quotedName = (name: string): string => `"${printable(name, QUOTED)}"`;

/**
 * A count table (ASV/OTU × sample) as written: an id per row, a name per column, counts between. Which side holds
 * the reads is decided against the reads themselves (countsOfReads): vsearch `--otutabout`, BIOM TSV and DADA2's
 * `t(seqtab)` put features in rows, DADA2's `seqtab` written as is puts samples in rows.
 */
export interface CountTable {
  file: string;
  rowIds: string[];
  columnIds: string[];
  /** Row-major, rowIds.length × columnIds.length. */
  values: Float64Array;
}

export interface SampleCount {
  sample: string;
  count: number;
}

export interface ReadCounts {
  /** Per read id found in the table with a count above 0: its counts, in the table's sample order. */
  byRead: Map<string, SampleCount[]>;
  /** The table's samples, in its order. */
  samples: string[];
  /** Features of the table that are no read of the run (their counts are left out). */
  unmatched: string[];
  /** Whether the table's rows are the reads (features × samples) or the samples. */
  readsIn: 'rows' | 'columns';
}

interface ParsedRecord {
  record: string[];
  /** `lines`: the 1-based line (of the text parsed) where the record ends. */
  info: { lines: number };
}

export async function readCountTable(path: string): Promise<CountTable> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new EngineError('input_unreadable', `count table ${path} cannot be read (${error.code === 'ENOENT' ? 'no such file' : (error.code ?? error.message)})`);
  });
  return parseCountTable(text, basename(path));
}

/**
 * Tab- or comma-separated, quoted or not (R's write.csv quotes every name). Lines starting with '#' above the header
 * are comments (BIOM TSV's "# Constructed from biom file"), except a '#' line with separators, which is the header
 * (vsearch and BIOM write `#OTU ID<TAB>sample…`). A header one field shorter than the rows is R's write.table
 * without `col.names = NA`: its names are all columns.
 */
export function parseCountTable(input: string, file: string): CountTable {
  const lines = input.replace(/^\uFEFF/, '').split('\n');
  let first = 0;
  while (first < lines.length && (lines[first]!.trim() === '' || (lines[first]!.startsWith('#') && !/[\t,]/.test(lines[first]!)))) first += 1;
  if (first === lines.length) throw new EngineError('input_unreadable', `${file}: no header line (a count table has a row of sample names, then one row per ASV/OTU)`);
  const headerLine = lines[first]!;
  const delimiter = headerLine.includes('\t') ? '\t' : headerLine.includes(',') ? ',' : undefined;
  if (!delimiter) throw new EngineError('input_unreadable', `${file} line ${first + 1}: no tab or comma in the header line: not a count table`);
  let records: ParsedRecord[];
  try {
    // csv-parse's types do not follow `info: true`, which wraps each record with where it was read.
    records = parse(lines.slice(first).join('\n'), { delimiter, info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true }) as unknown as ParsedRecord[];
  } catch (error) {
    throw new EngineError('input_unreadable', `${file}: ${(error as Error).message}`);
  }
  const lineOf = (index: number) => records[index]!.info.lines + first;
  const rows = records.slice(1);
  if (rows.length === 0) throw new EngineError('input_unreadable', `${file}: a header and no rows`);
  let header = records[0]!.record;
  if (rows.every(({ record }) => record.length === header.length + 1)) header = ['', ...header];
  rows.forEach(({ record }, i) => {
    if (record.length !== header.length) throw new EngineError('input_unreadable', `${file} line ${lineOf(i + 1)}: ${record.length} fields, the header has ${header.length}`);
  });
  let width = header.length;
  while (width > 1 && METADATA_COLUMNS.has(header[width - 1]!.toLowerCase())) width -= 1;
  const columnIds = header.slice(1, width);
  if (columnIds.length === 0) throw new EngineError('input_unreadable', `${file} line ${lineOf(0)}: no column of counts`);
  uniqueIds(columnIds, file, () => `line ${lineOf(0)}`, 'column name');
  const rowIds = rows.map(({ record }) => record[0]!);
  uniqueIds(rowIds, file, (i) => `line ${lineOf(i + 1)}`, 'row id');
  const values = new Float64Array(rows.length * columnIds.length);
  rows.forEach(({ record }, r) => {
    for (let c = 0; c < columnIds.length; c += 1) {
      const cell = record[c + 1]!;
      if (!COUNT.test(cell)) throw new EngineError('input_unreadable', `${file} line ${lineOf(r + 1)}, column "${columnIds[c]}": "${cell}" is not a count (a number ≥ 0)`);
      values[r * columnIds.length + c] = Number(cell);
    }
  });
  return { file, rowIds, columnIds, values };
}

function uniqueIds(ids: readonly string[], file: string, where: (i: number) => string, what: string): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (id === '') throw new EngineError('input_unreadable', `${file} ${where(i)}: an empty ${what}`);
    if (seen.has(id)) throw new EngineError('input_unreadable', `${file} ${where(i)}: ${what} "${id}" appears twice`);
    seen.add(id);
  });
}

/**
 * The side of the table whose names are sequences rather than ids (DADA2's seqtab names each ASV by its sequence),
 * when neither side names a read: those names are then matched to the reads' sequences (see withFeatureNames).
 */
export function sequenceNamedSide(table: CountTable, readIds: readonly string[]): 'rows' | 'columns' | null {
  const reads = new Set(readIds);
  if (table.rowIds.some((id) => reads.has(id)) || table.columnIds.some((id) => reads.has(id))) return null;
  if (table.rowIds.every((id) => SEQUENCE_NAME.test(id))) return 'rows';
  if (table.columnIds.every((id) => SEQUENCE_NAME.test(id))) return 'columns';
  return null;
}

/** The table with the names of one side replaced (a sequence by the id of the read that has it). */
export function withFeatureNames(table: CountTable, side: 'rows' | 'columns', rename: (name: string) => string): CountTable {
  return side === 'rows' ? { ...table, rowIds: table.rowIds.map(rename) } : { ...table, columnIds: table.columnIds.map(rename) };
}

/**
 * The table's counts of each read. Its reads are the side (rows or columns) that holds more of the run's read ids;
 * a table naming none of them, or counting none, is refused, since the run would be empty.
 */
export function countsOfReads(table: CountTable, readIds: readonly string[]): ReadCounts {
  const reads = new Set(readIds);
  const inRows = table.rowIds.filter((id) => reads.has(id)).length;
  const inColumns = table.columnIds.filter((id) => reads.has(id)).length;
  if (inRows === 0 && inColumns === 0) {
    throw new EngineError('invalid_config', `count table ${table.file}: none of its ${table.rowIds.length} row ids (first: ${quotedName(table.rowIds[0]!)}) nor its ${table.columnIds.length} column names (first: ${quotedName(table.columnIds[0]!)}) is the id of a read (first read: ${quotedName(readIds[0] ?? '')})`);
  }
  const readsIn = inRows >= inColumns ? 'rows' : 'columns';
  const features = readsIn === 'rows' ? table.rowIds : table.columnIds;
  const samples = readsIn === 'rows' ? table.columnIds : table.rowIds;
  const width = table.columnIds.length;
  const count = readsIn === 'rows' ? (f: number, s: number) => table.values[f * width + s]! : (f: number, s: number) => table.values[s * width + f]!;
  const byRead = new Map<string, SampleCount[]>();
  const unmatched: string[] = [];
  features.forEach((id, f) => {
    if (!reads.has(id)) {
      unmatched.push(id);
      return;
    }
    const counts = samples.flatMap((sample, s) => (count(f, s) > 0 ? [{ sample, count: count(f, s) }] : []));
    if (counts.length > 0) byRead.set(id, counts);
  });
  if (byRead.size === 0) throw new EngineError('invalid_config', `count table ${table.file}: every count of the run's reads is 0`);
  return { byRead, samples, unmatched, readsIn };
}
