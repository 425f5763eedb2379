import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../main/api/engine.ts';
import { countsOfReads, parseCountTable } from '../../main/classify/count-table.ts';
import { expectEngineError } from '../helpers/engine-errors.ts';
import { seqatlas } from '../helpers/run-cli.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const FIXTURES = resolve('test/fixtures/classify');
const tempDir = useTempDirs();
const engine = new Engine();
let store: string;

beforeAll(async () => {
  store = join(await mkdtemp(join(tmpdir(), 'seqatlas-derep-')), 'store');
  await engine.buildReference({ input: join(FIXTURES, 'reference.fasta.gz'), name: 'gold5', model: 'dna-kmer', store });
});

describe('derep', () => {
  it('writes each unique sequence once, most abundant first, with its count in every sample', async () => {
    const dir = await tempDir();
    // Two samples' files; case and U/T differences are the same sequence, ;size= and ;sample= tags count.
    await writeFile(join(dir, 'pond.fasta'), '>a\nACGTACGTAC\n>b\nacgtacgtac\n>c\nTTTTGGGGCC\n>d;size=3\nGGGGCCCCAA\n');
    await writeFile(join(dir, 'river.fastq'), '@e\nACGUACGUAC\n+\nIIIIIIIIII\n@f;sample=lake\nTTTTGGGGCC\n+\nIIIIIIIIII\n');
    const written = await tempDir();
    const out = join(written, 'uniques.fasta');
    const counts = join(written, 'counts.tsv');
    const result = await engine.dereplicate({ input: dir, out, counts });
    expect(result).toMatchObject({ reads: 8, uniques: 3, belowMinSize: { uniques: 0, reads: 0 }, samples: ['lake', 'pond', 'river'] });
    expect(await readFile(out, 'utf8')).toBe('>Uniq1;size=3\nACGTACGTAC\n>Uniq2;size=3\nGGGGCCCCAA\n>Uniq3;size=2\nTTTTGGGGCC\n');
    expect(await readFile(counts, 'utf8')).toBe('#OTU ID\tlake\tpond\triver\nUniq1\t0\t2\t1\nUniq2\t0\t3\t0\nUniq3\t1\t1\t0\n');
    // The table is one classify --counts reads.
    expect(countsOfReads(parseCountTable(await readFile(counts, 'utf8'), 'counts.tsv'), ['Uniq1', 'Uniq2', 'Uniq3']).byRead.get('Uniq3')).toEqual([{ sample: 'lake', count: 1 }, { sample: 'pond', count: 1 }]);

    const rare = await engine.dereplicate({ input: dir, out, counts, minSize: 3, relabel: 'ASV' });
    expect(rare).toMatchObject({ uniques: 2, belowMinSize: { uniques: 1, reads: 2 } });
    expect((await readFile(out, 'utf8')).split('\n').filter((line) => line.startsWith('>'))).toEqual(['>ASV1;size=3', '>ASV2;size=3']);
  });

  it('classifies into the same taxon table as the reads themselves, with the counts it wrote', async () => {
    const dir = await tempDir();
    const out = join(dir, 'uniques.fasta');
    const counts = join(dir, 'counts.tsv');
    const reads = join(FIXTURES, 'reads.fasta.gz');
    await engine.dereplicate({ input: reads, out, counts });
    // One job at a time per store.
    const direct = await engine.classify({ input: reads, reference: 'gold5', store, out: join(dir, 'direct') });
    const counted = await engine.classify({ input: out, reference: 'gold5', store, out: join(dir, 'counted'), overrides: { counts } });
    expect(await readFile(join(counted.out, 'taxon_table.tsv'), 'utf8')).toBe(await readFile(join(direct.out, 'taxon_table.tsv'), 'utf8'));
  });

  it('refuses input with no sequence and a bad prefix, in one line, and runs from the command line', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'bad.fasta'), '>x\nACGT!!\n');
    await expectEngineError(engine.dereplicate({ input: join(dir, 'bad.fasta'), out: join(dir, 'u.fasta'), counts: join(dir, 'c.tsv') }), 'no_records_accepted', /^bad\.fasta: no sequence to read \(1 records rejected\)$/);
    await expectEngineError(engine.dereplicate({ input: join(FIXTURES, 'reads.fasta.gz'), out: join(dir, 'u.fasta'), counts: join(dir, 'c.tsv'), relabel: '1 bad' }), 'bad_request', /relabel/);
    const cli = seqatlas('derep', '-i', join(FIXTURES, 'reads.fasta.gz'), '-o', join(dir, 'u.fasta'), '--counts', join(dir, 'c.tsv'), '--min-size', '2');
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/^\d+ reads of 2 samples: \d+ unique sequences; \d+ rarer ones \(\d+ reads\) left out, in [\d.]+ s$/m);
  });
});
