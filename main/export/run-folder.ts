import { access, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { Classification } from '../classify/read-assignment.ts';
import { EngineError } from '../shared/engine-error.ts';
import { CHIMERAS_FILE } from '../classify/chimera-search.ts';
import { ASSIGNMENTS_FILE, readAssignments } from './assignments-tsv.ts';
import { runReadsOf, type RunReads } from '../store/run-reads.ts';

/**
 * What exports need from a classify run's run.json. Only the query's store and dataset are required, and only by
 * exports that need sequences; the rest is shown in reports when present. Other keys are ignored rather than
 * refused, since run.json grows with the classifier.
 */
const RunRecord = z.object({
  finishedAt: z.string().optional(),
  query: z.object({ store: z.string().nullish(), datasetId: z.string().nullish(), file: z.string().nullish(), datasets: z.array(z.object({ datasetId: z.string(), reverseDatasetId: z.string().optional(), file: z.string() })).nullish() }).partial().optional(),
  result: z.object({ reference: z.string(), model: z.string(), layer: z.number() }).partial().optional(),
});
export type RunRecord = z.infer<typeof RunRecord>;

export interface RunFolder {
  dir: string;
  classification: Classification;
  record: RunRecord;
  /** Reads the chimera check listed (chimeras.tsv); empty when the run was not checked. */
  chimeras: ReadonlySet<string>;
}

/** A classify run folder: its assignments.tsv (required) and run.json (optional). */
export async function openRunFolder(dirInput: string): Promise<RunFolder> {
  const dir = resolve(dirInput);
  const assignments = join(dir, ASSIGNMENTS_FILE);
  if (!(await access(assignments).then(() => true, () => false))) {
    throw new EngineError('input_unreadable', `${dir} is not a classify run folder: it has no ${ASSIGNMENTS_FILE}`);
  }
  return { dir, classification: await readAssignments(assignments), record: await readRunRecord(join(dir, 'run.json')), chimeras: await readChimeraIds(join(dir, CHIMERAS_FILE)) };
}

/** The read ids of a run's chimeras.tsv (first column below the header); none when the file is absent. */
export async function readChimeraIds(path: string): Promise<Set<string>> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw new EngineError('input_unreadable', `${path} cannot be read (${error.code ?? error.message})`);
  });
  return new Set(text.split(/\r?\n/).slice(1).map((line) => line.split('\t')[0]!).filter((id) => id !== ''));
}

async function readRunRecord(path: string): Promise<RunRecord> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return {};
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new EngineError('input_unreadable', `${path}: not JSON (${(error as Error).message})`);
  }
  const parsed = RunRecord.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new EngineError('input_unreadable', `${path}: field "${issue.path.join('.')}": ${issue.message}`);
  }
  return parsed.data;
}

/** The store and datasets the run's reads were embedded into, for exports that need the sequences. */
export function queryReads(run: RunFolder): RunReads {
  const reads = runReadsOf(run.record);
  if (!reads) throw new EngineError('input_unreadable', `${join(run.dir, 'run.json')}: no query store and dataset, so the reads' sequences cannot be found`);
  return reads;
}
