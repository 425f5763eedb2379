import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGoSummary } from '../../main/api/contract/go-summary-file.ts';
import { listRuns } from '../../main/api/contract/run-folders.ts';
import { csvLine } from '../../main/export/csv.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();

describe('run folders read back for the app', () => {
  it('lists every run, newest first, and one whose run.json is damaged or missing from its other files', async () => {
    const store = await tempDir();
    const run = async (id: string, files: Record<string, string>) => {
      await mkdir(join(store, 'runs', id), { recursive: true });
      for (const [name, text] of Object.entries(files)) await writeFile(join(store, 'runs', id, name), text);
    };
    await run('a-classify', { 'run.json': JSON.stringify({ kind: 'classify', finishedAt: '2026-11-20T10:00:00Z' }), 'assignments.tsv': 'query_id\n' });
    // Cut short by a removed drive: run.json truncated mid-write, summary.csv already there.
    await run('b-annotate', { 'run.json': '{"kind": "annot', 'summary.csv': 'accession\n' });
    await run('c-cluster', { 'run.json': '[1, 2]', 'umap.tsv': 'id\n' });
    const runs = await listRuns(store);
    expect(runs.map((r) => [r.id, r.kind, r.finishedAt, r.hasAssignments, r.hasGoSummary, r.hasMap])).toEqual([
      ['c-cluster', 'unknown', null, false, false, true],
      ['b-annotate', 'unknown', null, false, true, false],
      ['a-classify', 'classify', '2026-11-20T10:00:00Z', true, false, false],
    ]);

    // The GO preview of that run still opens, without the counts run.json would have given.
    const header = csvLine(['accession', 'model_name', 'layer_index', 'go_id', 'category', 'go_description', 'support_count', 'final_score']);
    await writeFile(join(store, 'runs', 'b-annotate', 'summary.csv'), header + csvLine(['P1', 'protein-kmer', 0, 'GO:0003674', 'MF', 'molecular_function', 1, 0.9]));
    expect(await readGoSummary(join(store, 'runs', 'b-annotate'), 10)).toMatchObject({ reference: null, queries: null, annotatedQueries: null, totalRows: 1 });
  });
});
