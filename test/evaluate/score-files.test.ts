import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPredictionsTsv, readTruthTsv } from '../../main/evaluate/index.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();

describe('readPredictionsTsv', () => {
  it('reads TSV and .topgo rows, skipping comments and headers, keeping the best score per pair', async () => {
    const path = join(await tempDir(), 'BP.topgo');
    await writeFile(path, '# c\naccession\tgo\tscore\nQ1\tGO:1\t0.4\nQ1\tGO:1\t0.7\nQ1\tGO:2\t1e-1\nQ2\tGO:1\tnan\nQ3\tGO:3\n');
    const pred = await readPredictionsTsv(path);
    expect([...pred.keys()]).toEqual(['Q1']);
    expect(pred.get('Q1')).toEqual(new Map([['GO:1', 0.7], ['GO:2', 0.1]]));
  });
});

describe('readTruthTsv', () => {
  it('splits terms on commas, spaces and tabs and unions repeated accessions', async () => {
    const path = join(await tempDir(), 'truth.tsv');
    await writeFile(path, '# header\nQ1\tGO:1,GO:2\nQ1 GO:3\nQ2\tIEA\n\n');
    const truth = await readTruthTsv(path);
    expect(truth).toEqual(new Map([['Q1', new Set(['GO:1', 'GO:2', 'GO:3'])], ['Q2', new Set()]]));
  });
});
