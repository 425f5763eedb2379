import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seqatlas } from '../helpers/run-cli.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();

describe('seqatlas inspect', () => {
  it('reports each sample’s reads, lengths and stated errors, a MinKNOW barcode’s chunk files as one, and refuses a missing file', async () => {
    const dir = await tempDir();
    const barcode = join(dir, 'fastq_pass', 'barcode03');
    await mkdir(barcode, { recursive: true });
    // Two chunk files: reads of 10, 20 and 30 bases at Phred 13 (5.01% errors), one of 40 at Phred 10 (10%), and a
    // record with an X, refused.
    await writeFile(join(barcode, 'FAW12345_pass_barcode03_6b5e4d3c_0a1b2c3d_0.fastq'), [10, 20, 30].map((n, i) => `@a${i}\n${'ACGT'.repeat(n / 2).slice(0, n)}\n+\n${'.'.repeat(n)}\n`).join(''));
    await writeFile(join(barcode, 'FAW12345_pass_barcode03_6b5e4d3c_0a1b2c3d_1.fastq'), `@b0\n${'ACGT'.repeat(10)}\n+\n${'+'.repeat(40)}\n@b1\nACGTXACGT\n+\n${'.'.repeat(9)}\n`);
    await writeFile(join(dir, 'site.fasta'), '>s1\nACGTACGTAC\n>s2\nACGTACGTACGTACGTACGTACGTACGTAC\n');

    const text = seqatlas('inspect', '-i', dir);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout.trim().split('\n')).toEqual([
      'barcode03 (2 files): fastq, dna; read 5, accepted 4, rejected 1; lengths 10–40 (median 20, N50 30); stated errors 7.01% per base',
      `${join(dir, 'site.fasta')}: fasta, dna; read 2, accepted 2, rejected 0; lengths 10–30 (median 10, N50 30)`,
    ]);
    const json = seqatlas('inspect', '-i', join(dir, 'site.fasta'), '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ sample: 'site', files: [join(dir, 'site.fasta')], read: 2, profile: { reads: 2, medianLength: 10, n50: 30, errorRate: null } });

    const missing = seqatlas('inspect', '-i', join(dir, 'nope.fastq'));
    expect(missing.code).not.toBe(0);
    expect(missing.stderr.trim()).toBe(`error: ${join(dir, 'nope.fastq')}: no such file or folder`);
  });
});
