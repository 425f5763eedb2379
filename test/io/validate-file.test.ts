import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateFile } from '../../main/io/validate-file.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { FIXTURES, writeInput } from './read-helpers.ts';

const tempDir = useTempDirs();

describe('validateFile', () => {
  it('summarises a clean real file', async () => {
    const report = await validateFile(join(FIXTURES, 'proteins.sample.fasta'));
    expect(report).toMatchObject({ format: 'fasta', gzip: false, alphabet: 'protein', rna: false, issues: [], issuesOmitted: 0 });
    expect(report.summary.toJSON()).toEqual({ read: 100, accepted: 100, rejected: 0, byCode: {} });
  });

  it('counts rejects by code and keeps only the first issues, counting the rest', async () => {
    const dir = await tempDir();
    const lines = ['>ok', 'ACGT'];
    for (let i = 0; i < 30; i += 1) lines.push(`>bad${i}`, 'ACGJ');
    lines.push('>ok', 'ACGT', '>e');
    const path = await writeInput(dir, 'v.fa.gz', `${lines.join('\n')}\n`);
    const report = await validateFile(path, { alphabet: 'dna', maxIssues: 5 });
    expect(report).toMatchObject({ format: 'fasta', gzip: true, alphabet: 'dna', issuesOmitted: 27 });
    expect(report.summary.toJSON()).toEqual({ read: 33, accepted: 1, rejected: 32, byCode: { illegal_characters: 30, duplicate_id: 1, empty_sequence: 1 } });
    expect(report.issues.map((i) => [i.file, i.record, i.line])).toEqual([['v.fa.gz', 2, 3], ['v.fa.gz', 3, 5], ['v.fa.gz', 4, 7], ['v.fa.gz', 5, 9], ['v.fa.gz', 6, 11]]);
  });

  it('passes the read options on: gaps allowed, duplicates not checked', async () => {
    const dir = await tempDir();
    const path = await writeInput(dir, 'aln.fa', '>a\nAC--GT\n>a\nA.CGT\n');
    expect((await validateFile(path)).summary.toJSON()).toEqual({ read: 2, accepted: 0, rejected: 2, byCode: { illegal_characters: 2 } });
    const report = await validateFile(path, { allowGaps: true, detectDuplicates: false });
    expect(report.summary.toJSON()).toEqual({ read: 2, accepted: 2, rejected: 0, byCode: {} });
  });

  it('reports RNA only for a nucleotide file', async () => {
    const dir = await tempDir();
    const path = await writeInput(dir, 'rna.fq', '@r1\nACGUU\n+\nIIIII\n');
    expect(await validateFile(path)).toMatchObject({ format: 'fastq', alphabet: 'dna', rna: true });
  });
});
