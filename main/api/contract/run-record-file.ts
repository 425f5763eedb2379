import { readFile } from 'node:fs/promises';
import { isMapping } from '../../shared/is-mapping.ts';

/**
 * A run folder's run.json for display, or {} when it is missing, unreadable or not JSON (a run cut short, a file
 * damaged on a removed drive): the folder is still shown, with what its other files say.
 */
export async function readRunRecordLoosely(path: string): Promise<Record<string, unknown>> {
  try {
    const json: unknown = JSON.parse(await readFile(path, 'utf8'));
    return isMapping(json) ? json : {};
  } catch {
    return {};
  }
}
