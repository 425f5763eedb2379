import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seqatlas } from '../helpers/run-cli.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { SAMPLE_CLASSIFICATION, writeRunFolder } from './sample-run.ts';

const tempDir = useTempDirs();
const FIXTURES = resolve('test/fixtures/export');

describe('seqatlas export / evaluate taxonomy', () => {
  it('exports tables and a report, evaluates, and reports errors in one line', async () => {
    const dir = await tempDir();
    const run = await writeRunFolder(join(dir, 'run'), SAMPLE_CLASSIFICATION, null);

    const table = seqatlas('export', 'taxon-table', '--run', run, '-o', join(dir, 'by-phylum.csv'), '--rank', 'phylum', '--format', 'csv');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toBe(`wrote ${join(dir, 'by-phylum.csv')} (3 records)\n`);
    expect(await readFile(join(dir, 'by-phylum.csv'), 'utf8')).toMatch(/^taxon,lake-a,lake-b\nBacteria;Firmicutes,15,13\n/);

    const report = seqatlas('export', 'report', '--run', run, '-o', join(dir, 'report.html'), '--rank', 'family', '--json');
    expect(report.code, report.stderr).toBe(0);
    expect(JSON.parse(report.stdout)).toEqual({ type: 'result', result: { kind: 'report', files: [{ path: join(dir, 'report.html'), records: 1 }] } });

    const diversity = seqatlas('export', 'diversity', '--run', run, '-o', join(dir, 'diversity'), '--rank', 'genus');
    expect(diversity.code, diversity.stderr).toBe(0);
    expect(diversity.stdout).toMatch(/^wrote 4 files, \d+ records:\n {2}\S+alpha_diversity\.tsv \(2\)\n/);
    expect(diversity.stdout).toContain('6 reads left out: named at no rank (6)');
    const badFeatures = seqatlas('export', 'diversity', '--run', run, '-o', join(dir, 'd2'), '--features', 'otus');
    expect(badFeatures.code).toBe(2);

    const evaluation = seqatlas('evaluate', 'taxonomy', '-a', join(run, 'assignments.tsv'), '-t', join(FIXTURES, 'truth.tsv'), '--reference-taxa', join(FIXTURES, 'reference-taxa.tsv'));
    expect(evaluation.code, evaluation.stderr).toBe(0);
    expect(evaluation.stdout).toMatch(/^rank +reads +assigned +accuracy +precision +coverage +decision +absent\n/);
    expect(evaluation.stdout).toMatch(/\ngenus +6 +3 +50\.0% +100\.0% +50\.0% +66\.7% +1\n/);
    expect(evaluation.stdout).toContain('6 truth records; 1 missing from the assignments (scored as unassigned); 3 assigned records not in the truth (left out)');

    const missing = seqatlas('export', 'biom', '--run', dir, '-o', join(dir, 't.biom'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`error: ${dir} is not a classify run folder: it has no assignments.tsv\n`);
    const usage = seqatlas('export', 'fasta', '--run', run, '-o', join(dir, 'f'), '--json');
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toEqual({ type: 'error', code: 'bad_request', message: 'export: field "rank": give exactly one of rank (one file per taxon) or novel' });
  });
});
