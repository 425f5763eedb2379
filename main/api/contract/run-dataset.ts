import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { EngineError } from '../../shared/engine-error.ts';

const Dataset = z.object({ store: z.string().min(1), datasetId: z.string().min(1) });
/** A classify run records its reads as `query`, a cluster run of stored embeddings as `input`; other keys are ignored. */
const RunJson = z.object({ query: Dataset.partial().nullish(), input: Dataset.partial().nullish() });

/** The store and dataset whose reads a run folder (classify or cluster) holds, from its run.json. */
export async function runDataset(runDir: string): Promise<{ store: string; datasetId: string }> {
  const file = join(resolve(runDir), 'run.json');
  const text = await readFile(file, 'utf8').catch(() => {
    throw new EngineError('input_unreadable', `${file} cannot be read, so the run's dataset is unknown`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new EngineError('input_unreadable', `${file}: not JSON (${(error as Error).message})`);
  }
  const record = RunJson.safeParse(json);
  const found = record.success ? [record.data.query, record.data.input].find((d) => d?.store && d.datasetId) : undefined;
  if (!found?.store || !found.datasetId) throw new EngineError('input_unreadable', `${file}: names no store and dataset (query or input), so the reads' sequences cannot be found`);
  return { store: found.store, datasetId: found.datasetId };
}
