import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
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

/**
 * Reads a TSV file with a header row, line by line: a large run's assignments.tsv (450 bytes a read) can be past the
 * 512 MB V8 allows one string. Blank lines are skipped and a trailing `\r` (a file saved on Windows) dropped.
 */
export async function readTsvTable(path: string, options: TsvOptions = {}): Promise<TsvTable> {
  const table = new TsvTableBuilder(basename(path), options);
  try {
    for await (const line of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) table.add(line);
  } catch (error) {
    if (error instanceof EngineError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new EngineError('input_unreadable', `${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  return table.finish();
}

export function parseTsvTable(text: string, file: string, options: TsvOptions = {}): TsvTable {
  const table = new TsvTableBuilder(file, options);
  for (const line of text.split('\n')) table.add(line);
  return table.finish();
}

/** A table taken in one line at a time (numbered from 1), as a file or a string yields them. */
class TsvTableBuilder {
  private header: string[] | null = null;
  private readonly rows: TsvRow[] = [];
  private line = 0;

  constructor(
    private readonly file: string,
    private readonly options: TsvOptions,
  ) {}

  add(text: string): void {
    this.line += 1;
    const line = (this.line === 1 ? text.replace(/^\uFEFF/, '') : text).replace(/\r$/, '');
    if (line.trim() === '') return;
    const fields = line.split('\t');
    if (!this.header) {
      this.header = fields;
      return;
    }
    if (this.options.padShortRows) while (fields.length < this.header.length) fields.push('');
    if (fields.length !== this.header.length) {
      throw new EngineError('input_unreadable', `${this.file} line ${this.line}: ${fields.length} fields, the header has ${this.header.length}`);
    }
    this.rows.push({ line: this.line, fields });
  }

  finish(): TsvTable {
    if (!this.header) throw new EngineError('input_unreadable', `${this.file}: the file is empty (a header row is expected)`);
    return { file: this.file, header: this.header, rows: this.rows };
  }
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
