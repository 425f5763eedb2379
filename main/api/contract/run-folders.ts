import { access, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { RunListing } from './contract-results.ts';
import { readRunRecordLoosely } from './run-record-file.ts';

const exists = (path: string): Promise<boolean> => access(path).then(() => true, () => false);

/** The runs of a store, newest first, for the Home screen; a folder with an unreadable run.json is still listed. */
export async function listRuns(storeDir: string): Promise<RunListing[]> {
  const root = join(resolve(storeDir), 'runs');
  const names = await readdir(root).catch(() => [] as string[]);
  const runs = await Promise.all(names.map(async (id): Promise<RunListing> => {
    const dir = join(root, id);
    const record = await readRunRecordLoosely(join(dir, 'run.json'));
    return {
      id, dir,
      kind: typeof record.kind === 'string' ? record.kind : 'unknown',
      finishedAt: typeof record.finishedAt === 'string' ? record.finishedAt : null,
      hasAssignments: await exists(join(dir, 'assignments.tsv')),
      hasMap: await exists(join(dir, 'umap.tsv')),
      hasGoSummary: await exists(join(dir, 'summary.csv')),
    };
  }));
  return runs.sort((a, b) => (b.finishedAt ?? b.id).localeCompare(a.finishedAt ?? a.id));
}
