import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Aligner, scoringFor } from '../../main/align/index.ts';
import { Engine } from '../../main/api/engine.ts';
import { deNovoChimeras } from '../../main/derep/denovo-chimeras.ts';
import { differences, unoiseCentroids, DEFAULT_UNOISE } from '../../main/derep/unoise.ts';
import { readSequences } from '../../main/io/read-sequences.ts';
import { mulberry32 } from '../../native/onnx/seeded-random.ts';
import { expectEngineError } from '../helpers/engine-errors.ts';
import { seqatlas } from '../helpers/run-cli.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { randomSequence, simulatedRead } from '../pairs/simulated-pairs.ts';

const tempDir = useTempDirs();
const engine = new Engine();
const substitute = (sequence: string, at: number) => `${sequence.slice(0, at)}${sequence[at] === 'A' ? 'C' : 'A'}${sequence.slice(at + 1)}`;

describe('UNOISE', () => {
  it('counts mismatches and indels, and stops early past the most that matters', () => {
    const aligner = new Aligner(scoringFor('dna'));
    const a = randomSequence(mulberry32(1), 200);
    expect(differences(a, substitute(substitute(a, 10), 150), 5, aligner)).toBe(2);
    // One base deleted and one inserted elsewhere: the same length, but two differences, not a shifted half.
    const shifted = `${a.slice(0, 50)}${a.slice(51, 120)}G${a.slice(120)}`;
    expect(differences(a, shifted, 5, aligner)).toBe(2);
    expect(differences(a, `${a.slice(0, 100)}${a.slice(103)}`, 5, aligner)).toBe(3);
    expect(differences(a, randomSequence(mulberry32(2), 200), 5, aligner)).toBeGreaterThan(5);
  });

  it('takes a sequence as a more abundant one’s error only when it is rare enough for its differences', () => {
    const truth = randomSequence(mulberry32(3), 250);
    const other = randomSequence(mulberry32(4), 250);
    const uniques = [
      { sequence: truth, size: 1000 },
      { sequence: other, size: 300 }, // a second true sequence
      { sequence: substitute(truth, 20), size: 100 }, // 1 difference at a tenth: an error (β(1) = 1/8)
      { sequence: substitute(substitute(truth, 20), 90), size: 40 }, // 2 differences at 1/25: more than β(2) = 1/32, so true
      { sequence: substitute(substitute(other, 5), 60), size: 9 }, // 2 differences at 3/100 of `other`: an error
      { sequence: substitute(truth, 200), size: 7 }, // below minSize: no candidate
    ];
    expect([...unoiseCentroids(uniques, DEFAULT_UNOISE)]).toEqual([0, 1, 0, 3, 1, -1]);
  });
});

describe('chimeras among denoised sequences', () => {
  it('flags a sequence joined from two far more abundant ones, and not one nearly as abundant as its parents', () => {
    const [a, b, c] = [6, 7, 8].map((seed) => randomSequence(mulberry32(seed), 250));
    const chimera = a!.slice(0, 120) + b!.slice(120);
    expect([...deNovoChimeras([a!, b!, c!, chimera], [2000, 1500, 900, 40])]).toEqual([3]);
    // 1/16 of the rarer parent is the most a chimera can be (UCHIME3's abundance skew).
    expect([...deNovoChimeras([a!, b!, chimera], [2000, 1500, 200])]).toEqual([]);
  });
});

describe('denoise', () => {
  it('finds the true sequences among error-laden reads and counts every read for one; classify takes the table', async () => {
    const dir = await tempDir();
    const random = mulberry32(5);
    const amplicons: string[] = [];
    for await (const event of readSequences(resolve('test/fixtures/classify/reads.fasta.gz'))) if (event.kind === 'record' && amplicons.length < 6) amplicons.push(event.record.sequence.slice(500, 750));
    // Two samples of reads with MiSeq-like substitution errors; the first amplicons are the most abundant.
    for (const [sample, seed] of [['pond', 0], ['river', 3]] as const) {
      const records = amplicons.flatMap((amplicon, a) => Array.from({ length: 120 - 15 * a }, (_, k) => {
        const read = simulatedRead(random, amplicon, amplicon.length);
        return `@${sample}-${a}-${k + seed}\n${read.sequence}\n+\n${read.quality}\n`;
      }));
      await writeFile(join(dir, `${sample}.fastq`), records.join(''));
    }
    const written = await tempDir();
    const out = join(written, 'zotus.fasta');
    const counts = join(written, 'zotus.tsv');
    const result = await engine.denoise({ input: dir, out, counts });
    expect(result).toMatchObject({ reads: 2 * 495, zotus: 6, samples: ['pond', 'river'] });
    expect(result.mapped + result.unmapped + result.chimeras.reads).toBe(result.reads);
    expect(result.chimeras).toEqual({ sequences: 0, reads: 0 });
    expect(result.unmapped).toBeLessThan(10);
    const zotus = (await readFile(out, 'utf8')).split('>').slice(1).map((block) => block.split('\n').slice(1).join(''));
    expect(zotus).toEqual(amplicons);
    const table = (await readFile(counts, 'utf8')).trim().split('\n').map((line) => line.split('\t'));
    expect(table[0]).toEqual(['#OTU ID', 'pond', 'river']);
    expect(table.slice(1).reduce((sum, row) => sum + Number(row[1]) + Number(row[2]), 0)).toBe(result.mapped);

    const store = join(await tempDir(), 'store');
    await engine.buildReference({ input: resolve('test/fixtures/classify/reference.fasta.gz'), name: 'gold5', model: 'dna-kmer', store });
    const classified = await engine.classify({ input: out, reference: 'gold5', store, out: join(written, 'run'), overrides: { counts } });
    expect(classified).toMatchObject({ reads: 6, abundance: result.mapped, samples: ['pond', 'river'] });

    const cli = seqatlas('denoise', '-i', dir, '-o', join(written, 'cli.fasta'), '--counts', join(written, 'cli.tsv'), '--relabel', 'ASV');
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/^990 reads \(\d+ unique sequences\) of 2 samples: 6 denoised sequences, \d+ reads counted for them/);
    expect((await readFile(join(written, 'cli.fasta'), 'utf8')).startsWith('>ASV1;size=')).toBe(true);
    // Too few reads of any sequence for min-size: one line that says what to change, and nothing written.
    await expectEngineError(engine.denoise({ input: resolve('test/fixtures/classify/reads.fasta.gz'), out: join(written, 'few.fasta'), counts: join(written, 'few.tsv') }), 'no_records_accepted', /^no unique sequence is seen 8 times \(the most common, \d+\): nothing to denoise at --min-size 8; lower it for a small run$/);
    await expect(readFile(join(written, 'few.fasta'))).rejects.toThrow(/ENOENT/);
    // Nanopore-like reads (Q13, 5% errors by their qualities): the refusal says why and what to do instead.
    const minion = join(written, 'minion.fastq');
    await writeFile(minion, amplicons.map((sequence, i) => `@n${i}\n${sequence}\n+\n${'.'.repeat(sequence.length)}\n`).join(''));
    await expectEngineError(engine.denoise({ input: minion, out: join(written, 'n.fasta'), counts: join(written, 'n.tsv') }), 'no_records_accepted', /; the reads have about 5\.0% sequencing errors by their qualities, too many for exact copies of each amplicon, which denoising needs \(it is for Illumina reads\): classify the reads themselves, which calibrates for their errors$/);
  });
});
