import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { EngineError } from '../shared/engine-error.ts';
import { tsvLine } from './csv.ts';
import { readTsvTable, requireColumns, type TsvRow } from './tsv-table.ts';

/**
 * Per-sample columns the user fills before a Darwin Core export. Names are the Darwin Core terms (eventDate,
 * decimalLatitude, decimalLongitude, locality) and the GBIF DNA derived data extension's MIxS terms
 * (http://rs.gbif.org/terms/1.0/DNADerivedData), spelled exactly as GBIF and OBIS expect them.
 */
export const METADATA_COLUMNS = [
  'eventDate', 'decimalLatitude', 'decimalLongitude', 'locality',
  'target_gene', 'target_subfragment', 'pcr_primer_forward', 'pcr_primer_reverse', 'pcr_primer_name_forward', 'pcr_primer_name_reverse',
  'seq_meth', 'env_broad_scale', 'env_local_scale', 'env_medium',
] as const;
export type MetadataColumn = (typeof METADATA_COLUMNS)[number];
export type SampleMetadata = Record<MetadataColumn, string>;

/** YYYY, YYYY-MM, YYYY-MM-DD, optionally with a time and zone; the calendar date itself is checked below. */
const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [, year, month = '01', day = '01'] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const coordinate = (min: number, max: number) =>
  z.string().refine((v) => v === '' || (NUMBER.test(v) && Number(v) >= min && Number(v) <= max), `is not a decimal number from ${min} to ${max}`);

/** Every value may be left empty; what is filled must be valid. An interval (start/end) is allowed for eventDate. */
const MetadataRow = z.object({
  eventDate: z.string().refine((v) => v === '' || v.split('/').length <= 2 && v.split('/').every(isIsoDate), 'is not an ISO 8601 date (YYYY-MM-DD, YYYY-MM-DDThh:mm:ssZ or start/end)'),
  decimalLatitude: coordinate(-90, 90),
  decimalLongitude: coordinate(-180, 180),
  ...Object.fromEntries(METADATA_COLUMNS.slice(3).map((name) => [name, z.string()])),
});

/** The template: one row per sample of the run, metadata columns empty. */
export async function writeMetadataTemplate(path: string, samples: readonly string[]): Promise<void> {
  await writeFile(path, [tsvLine(['sample', ...METADATA_COLUMNS]), ...samples.map((sample) => tsvLine([sample, ...METADATA_COLUMNS.map(() => '')]))].join(''));
}

/**
 * Reads a filled template; every sample of the run needs exactly one row, and a row for a sample the run does
 * not have is refused (most often a typo that would silently drop that sample's metadata).
 */
export async function readSampleMetadata(path: string, samples: readonly string[]): Promise<Map<string, SampleMetadata>> {
  const table = await readTsvTable(path, { padShortRows: true });
  const columns = requireColumns(table, ['sample', ...METADATA_COLUMNS]);
  const out = new Map<string, SampleMetadata>();
  for (const row of table.rows) {
    const sample = row.fields[columns.sample]!.trim();
    const where = `${table.file} line ${row.line} (sample "${sample}")`;
    if (!samples.includes(sample)) throw new EngineError('bad_request', `${where}: the run has no such sample (samples: ${samples.join(', ')})`);
    if (out.has(sample)) throw new EngineError('bad_request', `${where}: a second row for this sample`);
    out.set(sample, parseRow(row, columns, where));
  }
  const missing = samples.find((sample) => !out.has(sample));
  if (missing !== undefined) throw new EngineError('bad_request', `${table.file}: no row for sample "${missing}"`);
  return out;
}

function parseRow(row: TsvRow, columns: Record<string, number>, where: string): SampleMetadata {
  const values = Object.fromEntries(METADATA_COLUMNS.map((name) => [name, row.fields[columns[name]!]!.trim()]));
  const parsed = MetadataRow.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const column = String(issue.path[0]);
    throw new EngineError('bad_request', `${where}, column ${column}: "${values[column]}" ${issue.message}`);
  }
  const metadata = values as SampleMetadata;
  if ((metadata.decimalLatitude === '') !== (metadata.decimalLongitude === '')) {
    throw new EngineError('bad_request', `${where}, column ${metadata.decimalLatitude === '' ? 'decimalLatitude' : 'decimalLongitude'}: empty while the other coordinate is filled`);
  }
  return metadata;
}
