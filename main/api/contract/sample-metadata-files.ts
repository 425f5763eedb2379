import { access, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { tsvLine } from '../../export/csv.ts';
import { openRunFolder } from '../../export/run-folder.ts';
import { METADATA_COLUMNS } from '../../export/sample-metadata.ts';
import { readTsvTable, requireColumns } from '../../export/tsv-table.ts';
import { Store } from '../../store/store.ts';
import { parseRequest } from '../parse-request.ts';
import { SampleMetadataRow, type RunMetadataFile, type StoredSampleMetadata } from './sample-metadata-request.ts';

/** The store's sample metadata, beside its catalog: it travels with the store on the removable drive. */
export const STORE_SAMPLES_FILE = 'samples.tsv';
/** A run's copy with exactly the run's samples, which is what `export darwin-core --metadata` requires. */
export const RUN_SAMPLES_FILE = 'samples.tsv';

const HEADER = ['sample', ...METADATA_COLUMNS] as const;

function formatRows(rows: readonly SampleMetadataRow[]): string {
  // Coordinates as String(), not tsvLine's 6 significant digits: -122.41942 must not become -122.419 (100 m off).
  const cells = (row: SampleMetadataRow) => METADATA_COLUMNS.map((name) => { const value = row[name]; return value === null ? '' : String(value); });
  return [tsvLine(HEADER), ...rows.map((row) => tsvLine([row.sample, ...cells(row)]))].join('');
}

/** Written beside the target and renamed over it, so a pulled drive never leaves half a table. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, path);
}

async function readRows(path: string): Promise<SampleMetadataRow[]> {
  const table = await readTsvTable(path, { padShortRows: true });
  const columns = requireColumns(table, HEADER);
  return table.rows.map((row) => {
    const value = (name: (typeof HEADER)[number]) => row.fields[columns[name]]!;
    const coordinate = (name: 'decimalLatitude' | 'decimalLongitude') => (value(name).trim() === '' ? null : Number(value(name)));
    // The file may have been edited by hand: a bad cell is a one-line error naming its line and column.
    const cells = { ...Object.fromEntries(HEADER.map((name) => [name, value(name)])), decimalLatitude: coordinate('decimalLatitude'), decimalLongitude: coordinate('decimalLongitude') };
    return parseRequest(SampleMetadataRow, cells, `${path} line ${row.line}`);
  });
}

/** The store's sample metadata table (no rows while none was saved). */
export async function readStoreMetadata(storeDir: string): Promise<StoredSampleMetadata> {
  const path = join(resolve(storeDir), STORE_SAMPLES_FILE);
  if (!(await access(path).then(() => true, () => false))) return { path: null, samples: [] };
  return { path, samples: await readRows(path) };
}

/** Adds or replaces the given samples' rows in the store's table; rows of other samples (other imports) stay. */
export async function saveStoreMetadata(storeDir: string, samples: readonly SampleMetadataRow[]): Promise<{ path: string; samples: number }> {
  // Opening it checks the folder is a store: metadata must not land in an arbitrary folder.
  await (await Store.open(storeDir, { readonly: true })).close();
  const current = await readStoreMetadata(storeDir);
  const bySample = new Map(current.samples.map((row) => [row.sample, row]));
  for (const row of samples) bySample.set(row.sample, row);
  const path = join(resolve(storeDir), STORE_SAMPLES_FILE);
  const rows = [...bySample.values()].sort((a, b) => a.sample.localeCompare(b.sample));
  await writeAtomically(path, formatRows(rows));
  return { path, samples: rows.length };
}

/**
 * Writes `<run>/samples.tsv` from the store's table with one row per sample of the run (empty cells for a sample
 * nobody described), for the Darwin Core export's default; nothing is written when no sample of the run is described.
 */
export async function writeRunMetadata(storeDir: string, runDir: string): Promise<RunMetadataFile> {
  const run = await openRunFolder(runDir);
  const samples = [...new Set(run.classification.reads.map((read) => read.sample))].sort();
  const stored = new Map((await readStoreMetadata(storeDir)).samples.map((row) => [row.sample, row]));
  const described = samples.filter((sample) => stored.has(sample)).length;
  if (described === 0) return { path: null, samples: samples.length, described };
  const rows = samples.map((sample) => stored.get(sample) ?? SampleMetadataRow.parse({ sample }));
  const path = join(run.dir, RUN_SAMPLES_FILE);
  await writeAtomically(path, formatRows(rows));
  return { path, samples: samples.length, described };
}
