import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { EngineError } from '../shared/engine-error.ts';

/** One data row of a TSV file, with the 1-based line it came from so that errors can name it. */
export interface TsvRow {
  line: number;
  fields: string[];
}

export interface TsvTable {
  /** File name used in error messages. */
  file: string;
  header: string[];
  rows: TsvRow[];
}

export interface TsvOptions {
  /**
   * Fill missing trailing fields with ''. For files people edit by hand, whose editors drop trailing tabs of
   * empty cells; machine-written files stay strict, where a short row almost always means a lost tab.
   */
  padShortRows?: boolean;
}

/** Reads a TSV file with a header row. Blank lines are skipped and a trailing `\r` (a file saved on Windows) dropped. */
export async function readTsvTable(path: string, options: TsvOptions = {}): Promise<TsvTable> {
  const file = basename(path);
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new EngineError('input_unreadable', `${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  return parseTsvTable(text, file, options);
}

export function parseTsvTable(text: string, file: string, options: TsvOptions = {}): TsvTable {
  const lines = text.replace(/^\uFEFF/, '').split('\n').map((line) => line.replace(/\r$/, ''));
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first < 0) throw new EngineError('input_unreadable', `${file}: the file is empty (a header row is expected)`);
  const header = lines[first]!.split('\t');
  const rows: TsvRow[] = [];
  for (let i = first + 1; i < lines.length; i += 1) {
    if (lines[i]!.trim() === '') continue;
    const fields = lines[i]!.split('\t');
    if (options.padShortRows) while (fields.length < header.length) fields.push('');
    if (fields.length !== header.length) {
      throw new EngineError('input_unreadable', `${file} line ${i + 1}: ${fields.length} fields, the header has ${header.length}`);
    }
    rows.push({ line: i + 1, fields });
  }
  return { file, header, rows };
}

/** The index of each required column, or an error naming the first one missing. */
export function requireColumns<const N extends string>(table: TsvTable, names: readonly N[]): Record<N, number> {
  const out = {} as Record<N, number>;
  for (const name of names) {
    const index = table.header.indexOf(name);
    if (index < 0) throw new EngineError('input_unreadable', `${table.file} line 1: no column "${name}" (columns: ${table.header.join(', ')})`);
    out[name] = index;
  }
  return out;
}

/** A one-line error naming the file, line and column of a bad value. */
export function fieldError(table: TsvTable, row: TsvRow, column: string, problem: string): EngineError {
  return new EngineError('input_unreadable', `${table.file} line ${row.line}, column ${column}: ${problem}`);
}
