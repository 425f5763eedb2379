import { loadReadSequences } from '../store/run-reads.ts';
import { queryReads, type RunFolder } from './run-folder.ts';

/** The stored sequences of a run's reads (those asked for), from the store and datasets its run.json names. */
export function loadRunSequences(run: RunFolder, ids: ReadonlySet<string>): Promise<Map<string, string>> {
  return loadReadSequences(queryReads(run), ids, run.dir);
}
