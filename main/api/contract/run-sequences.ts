import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { EngineError } from '../../shared/engine-error.ts';
import { loadReadSequences, runReadsOf } from '../../store/run-reads.ts';

export interface RunSequences {
  /** The datasets the reads were found in (one per input file of the run). */
  datasetIds: string[];
  /** In the order the ids were asked for. */
  sequences: { id: string; sequence: string }[];
}

/** The stored sequences of some reads of a run (classify or cluster), from the datasets its run.json names. */
export async function readRunSequences(runDir: string, ids: readonly string[]): Promise<RunSequences> {
  const file = join(resolve(runDir), 'run.json');
  const text = await readFile(file, 'utf8').catch(() => {
    throw new EngineError('input_unreadable', `${file} cannot be read, so the run's dataset is unknown`);
  });
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (error) {
    throw new EngineError('input_unreadable', `${file}: not JSON (${(error as Error).message})`);
  }
  const reads = runReadsOf(record);
  if (!reads) throw new EngineError('input_unreadable', `${file}: names no store and dataset (query or input), so the reads' sequences cannot be found`);
  const found = await loadReadSequences(reads, new Set(ids), resolve(runDir));
  return { datasetIds: reads.datasetIds, sequences: ids.map((id) => ({ id, sequence: found.get(id)! })) };
}
