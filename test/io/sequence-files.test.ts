import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandSequenceInputs } from '../../main/io/sequence-files.ts';

describe('expandSequenceInputs (folders dropped or chosen for import)', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'seqatlas-folder-'));
    const files = [
      'run/b.fastq.gz', 'run/a.fasta', 'run/sample 3.FQ', 'run/notes.txt', 'run/.hidden.fasta', 'run/._a.fasta',
      'run/.git/x.fa', 'run/lane1/c.fna', 'run/1/2/3/d.fa', 'run/1/2/3/4/too-deep.fa', 'empty/readme.md', 'single.faa',
    ];
    for (const file of files) {
      await mkdir(join(root, file, '..'), { recursive: true });
      await writeFile(join(root, file), '>x\nACGT\n');
    }
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('replaces a folder by the sequence files below it, sorted, skipping hidden entries and other files', async () => {
    const files = await expandSequenceInputs([join(root, 'run')]);
    expect(files.map((f) => f.slice(root.length + 1))).toEqual(['run/1/2/3/d.fa', 'run/a.fasta', 'run/b.fastq.gz', 'run/lane1/c.fna', 'run/sample 3.FQ']);
  });

  it('keeps files as given (whatever their name: the validation report judges them) and drops repeats', async () => {
    const notes = join(root, 'run', 'notes.txt');
    const files = await expandSequenceInputs([notes, join(root, 'single.faa'), join(root, 'run', 'lane1'), join(root, 'run', 'lane1', 'c.fna')]);
    expect(files).toEqual([notes, join(root, 'single.faa'), join(root, 'run', 'lane1', 'c.fna')]);
  });

  it('names a folder without sequence files, and a path that does not exist', async () => {
    await expect(expandSequenceInputs([join(root, 'empty')])).rejects.toThrow(`${join(root, 'empty')}: folder holds no FASTA/FASTQ files`);
    await expect(expandSequenceInputs([join(root, 'nowhere')])).rejects.toThrow(`${join(root, 'nowhere')}: no such file or folder`);
  });
});
