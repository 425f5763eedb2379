import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { EngineError } from '../shared/engine-error.ts';

/**
 * A two-column lineage file, `id<TAB>lineage`, no header, names root first separated by ';' (with or without a
 * space), as in the gold-standard 16S truth files. Positions are ranks: the n-th name is the n-th rank from the
 * top. An empty name keeps its position (that rank is unknown for the record). Lines starting with '#' are comments.
 */
export async function readLineageFile(path: string): Promise<Map<string, string[]>> {
  const file = basename(path);
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new EngineError('input_unreadable', `${path}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
  });
  const out = new Map<string, string[]>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.startsWith('#')) return;
    const fields = line.split('\t');
    const id = fields[0]!.trim();
    if (fields.length !== 2 || id === '') throw new EngineError('input_unreadable', `${file} line ${i + 1}: expected id<TAB>lineage, found ${fields.length} field${fields.length === 1 ? '' : 's'}`);
    if (out.has(id)) throw new EngineError('input_unreadable', `${file} line ${i + 1}: id "${id}" appears twice`);
    out.set(id, fields[1]!.split(';').map((name) => name.trim()));
  });
  if (out.size === 0) throw new EngineError('input_unreadable', `${file}: no lineages`);
  return out;
}
