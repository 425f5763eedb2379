import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { EngineError } from '../shared/engine-error.ts';

/**
 * A sample map: one `read_id<TAB>sample` per line (a header line `read_id<TAB>sample` or starting with '#' is
 * skipped), for reads whose headers carry no `;sample=`. A read listed twice with two samples is an error rather
 * than a silent pick.
 */
export async function readSampleMap(path: string): Promise<Map<string, string>> {
  const name = basename(path);
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new EngineError('input_unreadable', `sample map ${path} cannot be read (${error.code ?? error.message})`);
  });
  const map = new Map<string, string>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '' || line.startsWith('#') || (i === 0 && /^(read_?id|id|query_id)\tsample$/i.test(line.trim()))) return;
    const fields = line.split('\t');
    const id = fields[0]?.trim() ?? '';
    const sample = fields[1]?.trim() ?? '';
    if (fields.length !== 2 || !id || !sample) throw new EngineError('invalid_config', `${name} line ${i + 1}: expected "read_id<TAB>sample"`);
    const earlier = map.get(id);
    if (earlier !== undefined && earlier !== sample) throw new EngineError('invalid_config', `${name} line ${i + 1}: read ${id} is already in sample ${earlier}`);
    map.set(id, sample);
  });
  return map;
}
