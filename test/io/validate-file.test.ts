import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFile } from '../../main/io/validate-file.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { FIXTURES, writeInput } from './read-helpers.ts';

const tempDir = useTempDirs();

describe('validateFile', () => {
  it('summarises a clean real file', async () => {
    const report = await validateFile(join(FIXTURES, 'proteins.sample.fasta'));
    expect(report).toEqual({ format: 'fasta', gzip: false, alphabet: 'protein', read: 100, accepted: 100, rejected: 0, byCode: {}, issues: [] });
  });

  it('counts rejects by code and keeps the first issues only', async () => {
    const dir = await tempDir();
    const lines = ['>ok', 'ACGT'];
    for (let i = 0; i < 30; i += 1) lines.push(`>bad${i}`, 'ACGJ');
    lines.push('>ok', 'ACGT', '>e');
    const path = await writeInput(dir, 'v.fa.gz', `${lines.join('\n')}\n`);
    const report = await validateFile(path, { alphabet: 'dna', keep: 5 });
    expect(report).toMatchObject({ format: 'fasta', gzip: true, alphabet: 'dna', read: 33, accepted: 1, rejected: 32 });
    expect(report.byCode).toEqual({ illegal_characters: 30, duplicate_id: 1, empty_sequence: 1 });
    expect(report.issues.map((i) => i.record)).toEqual([2, 3, 4, 5, 6]);
  });
});
