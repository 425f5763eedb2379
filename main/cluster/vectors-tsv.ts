import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { EngineError } from '../shared/engine-error.ts';

/** Vectors read from a TSV: ids in file order and one row-major block. */
export interface VectorTable {
  ids: string[];
  vectors: Float32Array;
  dim: number;
  count: number;
}

/** What a value cell looks like, NaN and infinities included (so a bad first row is an error, not a header). */
const NUMBER_LIKE = /^\s*[-+]?(\d|\.\d|nan\b|inf)/i;

/**
 * `id<TAB>v1<TAB>v2…` per line. A first line whose value fields are not all numbers is a header and skipped;
 * blank lines are skipped. Everything else that is not a finite number in a row of the first row's width, and
 * repeated ids, are one-line errors naming the file and line: a NaN reaching the clustering would poison
 * every distance.
 */
export function parseVectorTable(text: string, file: string): VectorTable {
  const name = basename(file);
  const fail = (lineNo: number, problem: string) => new EngineError('input_unreadable', `${name} line ${lineNo}: ${problem}`);
  const ids: string[] = [];
  const seen = new Map<string, number>();
  const values: number[] = [];
  let width = 0;
  let widthFrom = '';
  text.split('\n').forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim().length === 0) return;
    const lineNo = index + 1;
    const fields = line.split('\t');
    if (fields.length < 2) throw fail(lineNo, 'expected an id and at least one value, tab-separated');
    const cells = fields.slice(1);
    if (width === 0 && cells.some((cell) => !NUMBER_LIKE.test(cell))) {
      width = cells.length;
      widthFrom = 'header';
      return;
    }
    if (width === 0) {
      width = cells.length;
      widthFrom = 'first';
    }
    if (cells.length !== width) throw fail(lineNo, `${cells.length} values, expected ${width} as on the ${widthFrom} line`);
    const id = fields[0]!;
    if (id.length === 0) throw fail(lineNo, 'empty id');
    const earlier = seen.get(id);
    if (earlier !== undefined) throw fail(lineNo, `id "${id}" repeats line ${earlier}`);
    seen.set(id, lineNo);
    cells.forEach((cell, c) => {
      const value = Number(cell);
      if (cell.trim() === '' || !Number.isFinite(value)) throw fail(lineNo, `value ${c + 1} ("${cell}") is not a finite number`);
      values.push(value);
    });
    ids.push(id);
  });
  if (ids.length === 0) throw new EngineError('no_records_accepted', `${name}: no vectors (expected lines of id<TAB>value<TAB>value…)`);
  return { ids, vectors: Float32Array.from(values), dim: width, count: ids.length };
}

export async function readVectorTable(path: string): Promise<VectorTable> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new EngineError('input_unreadable', `${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  return parseVectorTable(text, path);
}
