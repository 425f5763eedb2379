import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SequenceFileError } from '../../main/io/sequence-file-error.ts';
import { sniffFile } from '../../main/io/sniff-file.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { FIXTURES, writeInput } from './read-helpers.ts';

const tempDir = useTempDirs();

describe('sniffFile', () => {
  it('recognises the real fixtures', async () => {
    expect(await sniffFile(join(FIXTURES, 'gold16s.sample.fasta'))).toEqual({ format: 'fasta', gzip: false, alphabet: 'dna', rna: false });
    expect(await sniffFile(join(FIXTURES, 'biomarks18s.sample.fasta'))).toMatchObject({ alphabet: 'dna' });
    expect(await sniffFile(join(FIXTURES, 'proteins.sample.fasta'))).toMatchObject({ format: 'fasta', alphabet: 'protein' });
  });

  it('sees through gzip (by magic bytes) and recognises FASTQ and RNA', async () => {
    const dir = await tempDir();
    const path = await writeInput(dir, 'reads.dat', gzipSync('\n@r1\nACGUUGCA\n+\nIIIIIIII\n'));
    expect(await sniffFile(path)).toEqual({ format: 'fastq', gzip: true, alphabet: 'dna', rna: true });
  });

  it('keeps a DNA file DNA when a minority of records look odd', async () => {
    const dir = await tempDir();
    const path = await writeInput(dir, 'mostly.fa', '>a\nACGTACGT\n>b\nACGTTT\n>c\nMKVLEEXQ\n');
    expect((await sniffFile(path)).alphabet).toBe('dna');
  });

  it('samples a first record longer than the 64 KB head', async () => {
    const dir = await tempDir();
    const path = await writeInput(dir, 'titin.fa', `>big\n${'MKVLEEAGHR'.repeat(8000)}\n>small\nMKV\n`);
    expect(await sniffFile(path)).toMatchObject({ format: 'fasta', alphabet: 'protein' });
  });

  it('reads only the head of a large gzip file', async () => {
    const dir = await tempDir();
    // 40 MB of text compresses to a few hundred KB; the sniff stops after 64 KB of text.
    const record = `>x\n${'ACGT'.repeat(250)}\n`;
    const path = await writeInput(dir, 'big.fa.gz', record.repeat(40_000));
    expect(await sniffFile(path)).toMatchObject({ format: 'fasta', gzip: true, alphabet: 'dna' });
  });

  const failures: Array<[string, string | Buffer, SequenceFileError['code'], RegExp]> = [
    ['empty.fa', '', 'empty_file', /empty\.fa: the file is empty/],
    ['blank.fa', '  \n\n', 'empty_file', /blank\.fa: the file is empty/],
    ['empty.fa.gz', gzipSync(''), 'empty_file', /empty\.fa\.gz: the file is empty/],
    ['image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'binary_data', /image\.png: not a FASTA or FASTQ file \(binary/],
    ['nul.fa', Buffer.from('>a\nAC\0GT\n'), 'binary_data', /nul\.fa: .*binary/],
    ['mac.fa', '>a\rACGT\r>b\rACGT\r', 'malformed_record', /mac\.fa: lines end in CR only/],
    ['table.csv', 'id,sequence\na,ACGT\n', 'malformed_record', /table\.csv: not a FASTA or FASTQ file \(it must start with '>' or '@', found 'i'\)/],
    ['broken.gz', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x03, 0xff, 0xff, 0xff]), 'truncated_gzip', /broken\.gz: cannot read/],
  ];
  for (const [name, content, code, message] of failures) {
    it(`fails with one clear line for ${name}`, async () => {
      const dir = await tempDir();
      const path = await writeInput(dir, name, content);
      const error = await sniffFile(path).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SequenceFileError);
      expect((error as SequenceFileError).code).toBe(code);
      expect((error as SequenceFileError).message).toMatch(message);
      expect((error as SequenceFileError).message).not.toContain('\n');
    });
  }

  it('names a missing file and a directory', async () => {
    const dir = await tempDir();
    await expect(sniffFile(join(dir, 'nope.fa'))).rejects.toThrow(/nope\.fa: cannot read \(ENOENT\)/);
    await expect(sniffFile(dir)).rejects.toThrow(/not a file/);
  });
});
