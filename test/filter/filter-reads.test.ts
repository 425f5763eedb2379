import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../main/api/engine.ts';
import { readSequences } from '../../main/io/read-sequences.ts';
import { mulberry32 } from '../../native/onnx/seeded-random.ts';
import { expectEngineError } from '../helpers/engine-errors.ts';
import { seqatlas } from '../helpers/run-cli.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { withReadErrors } from '../../main/classify/read-errors.ts';
import { reverseComplementOf, simulatedRead } from '../pairs/simulated-pairs.ts';

const FIXTURES = resolve('test/fixtures/classify');
const PRIMERS = { forward: 'GTGYCAGCMGCCGCGGTAA', reverse: 'GGACTACNVGGGTWTCTAAT' };
/** One concrete sequence of each degenerate primer, as a read carries it. */
const FORWARD_SITE = 'GTGCCAGCAGCCGCGGTAA';
const REVERSE_SITE = reverseComplementOf('GGACTACAGGGGTATCTAAT');
const tempDir = useTempDirs();
const engine = new Engine();
/** 200 bases of each fixture 16S read stand in for the region between the primers. */
let regions: string[];

beforeAll(async () => {
  regions = [];
  for await (const event of readSequences(join(FIXTURES, 'reads.fasta.gz'))) {
    if (event.kind === 'record') regions.push(event.record.sequence.slice(560, 760));
  }
});

/** A sample's single-end FASTQ: `copies` 180-base reads of each amplicon (primers included) with Illumina-like errors. */
async function writeSample(path: string, members: string[], seed: number, copies: number) {
  const random = mulberry32(seed);
  const reads = members.flatMap((region, a) =>
    Array.from({ length: copies }, (_, copy) => ({ id: `M00123:7:1:${seed}:${a}:${copy}`, ...simulatedRead(random, `${FORWARD_SITE}${region}${REVERSE_SITE}`, 180) })));
  const text = reads.map((r) => `@${r.id} 1:N:0:${seed}\n${r.sequence}\n+\n${r.quality}\n`).join('');
  await writeFile(path, path.endsWith('.gz') ? gzipSync(text) : text);
  return reads;
}

describe('filter', () => {
  it('cuts single-end reads to the region after the forward primer, truncates and filters them, so denoising finds the true sequences', async () => {
    const dir = await tempDir();
    const reads = join(dir, 'IonTorrent');
    await mkdir(reads);
    await writeSample(join(reads, 'pond.fastq.gz'), regions.slice(0, 8), 1, 20);
    await writeSample(join(reads, 'river.fq'), regions.slice(6, 12), 2, 20);
    // Reads of another marker (no 515F site) and one read too short for the truncation.
    await writeFile(join(reads, 'river.fq'), `${await readFile(join(reads, 'river.fq'), 'utf8')}@stray 1:N:0:2\n${regions[13]!.slice(0, 150)}\n+\n${'I'.repeat(150)}\n@short;size=1 1:N:0:2\n${FORWARD_SITE}${regions[0]!.slice(0, 100)}\n+\n${'I'.repeat(119)}\n`);
    const out = join(dir, 'filtered');
    const result = await engine.filterReads({ input: reads, out, primers: PRIMERS, truncateLength: 150, maxExpectedErrors: 1 });
    expect(result.samples.map((s) => [s.sample, s.reads, s.dropped.no_primer, s.dropped.truncated_short])).toEqual([['pond', 160, 0, 0], ['river', 122, 1, 1]]);
    expect(result.kept).toBe(result.reads - result.samples.flatMap((s) => Object.values(s.dropped)).reduce((a, b) => a + b, 0));
    expect(result.kept).toBeGreaterThan(250);
    expect(await readdir(out)).toEqual(['filter_report.tsv', 'pond.fastq', 'river.fastq', 'run.json']);

    // Every kept read is 150 bases of its region (but for sequencing errors), under its own header.
    const truths = new Set(regions.slice(0, 12).map((region) => region.slice(0, 150)));
    let exact = 0;
    for await (const event of readSequences(join(out, 'river.fastq'))) {
      if (event.kind !== 'record') throw new Error(event.issue.message);
      expect(event.record.sequence).toHaveLength(150);
      expect(event.record.id).toMatch(/^M00123:7:1:2:\d+:\d+$/);
      expect(event.record.description).toBe('1:N:0:2');
      if (truths.has(event.record.sequence)) exact += 1;
    }
    expect(exact).toBeGreaterThan(80);
    const report = (await readFile(join(out, 'filter_report.tsv'), 'utf8')).trim().split('\n').map((line) => line.split('\t'));
    expect(report[0]).toEqual(['sample', 'inputs', 'file', 'reads', 'kept', 'no_primer', 'truncated_short', 'too_short', 'too_long', 'ambiguous', 'expected_errors', 'unreadable', 'mean_length', 'mean_expected_errors']);
    expect(report[2]!.slice(0, 4)).toEqual(['river', 'river.fq', 'river.fastq', '122']);
    expect(report[2]![12]).toBe('150.0');

    // Denoised, the filtered reads give back exactly the 12 regions, each counted in the samples that hold it.
    const denoised = await engine.denoise({ input: out, out: join(dir, 'zotus.fasta'), counts: join(dir, 'zotus.tsv'), minSize: 4 });
    const zotus: string[] = [];
    for await (const event of readSequences(denoised.out)) if (event.kind === 'record') zotus.push(event.record.sequence);
    expect(new Set(zotus)).toEqual(truths);
    expect(denoised.samples).toEqual(['pond', 'river']);
  });

  it('refuses FASTA, paired-end files, an output over its input and contradictory settings, writing nothing', async () => {
    const dir = await tempDir();
    await writeSample(join(dir, 'lake.fastq'), regions.slice(0, 2), 3, 3);
    await writeFile(join(dir, 'bog.fasta'), `>a\n${regions[0]}\n`);
    const out = join(dir, 'out');
    await expectEngineError(engine.filterReads({ input: dir, out }), 'input_unreadable', /^bog\.fasta is FASTA: filtering reads needs the base qualities of FASTQ$/);
    await writeFile(join(dir, 'bog_R1.fastq'), '@a 1:N:0:1\nACGT\n+\nIIII\n');
    await writeFile(join(dir, 'bog_R2.fastq'), '@a 2:N:0:1\nACGT\n+\nIIII\n');
    await expectEngineError(engine.filterReads({ input: [join(dir, 'bog_R1.fastq'), join(dir, 'bog_R2.fastq')], out }), 'bad_request', /^bog_R1\.fastq and bog_R2\.fastq are the two reads of paired-end amplicons: merge them with merge-pairs/);
    await expectEngineError(engine.filterReads({ input: join(dir, 'lake.fastq'), out: dir }), 'bad_request', /^filtering lake\.fastq into .* would overwrite it: choose another output folder$/);
    await expectEngineError(engine.filterReads({ input: join(dir, 'lake.fastq'), out, requireBothPrimers: true }), 'bad_request', /requireBothPrimers/);
    await expectEngineError(engine.filterReads({ input: join(dir, 'lake.fastq'), out, minLength: 300, maxLength: 200 }), 'bad_request', /maxLength/);
    expect(await readdir(dir)).toEqual(['bog.fasta', 'bog_R1.fastq', 'bog_R2.fastq', 'lake.fastq']);
  });

  it('runs from the command line, warns when most reads fail one check, and exits 2 on a bad option', async () => {
    const dir = await tempDir();
    await writeSample(join(dir, 'lake.fastq'), regions.slice(0, 3), 4, 10);
    const filtered = seqatlas('filter', '-i', join(dir, 'lake.fastq'), '-o', join(dir, 'out'), '--primers', `${PRIMERS.forward},${PRIMERS.reverse}`, '--require-both-primers', '--max-ee', '2');
    expect(filtered.code, filtered.stderr).toBe(0);
    // 180-base reads never reach the reverse primer 200 bases on.
    expect(filtered.stdout).toMatch(/^kept 0 of 30 reads \(0\.0%\) of 1 files in [\d.]+ s$/m);
    expect(filtered.stdout).toMatch(/^ {2}lake: 0 of 30 kept \(0\.0%\); dropped: no_primer 30$/m);
    expect(filtered.stderr).toContain('lake: 0 of 30 reads kept, most dropped as no_primer: check the primers');
    // A sample that kept nothing has no file (an empty FASTQ is no input for denoise or classify).
    expect(await readdir(join(dir, 'out'))).toEqual(['filter_report.tsv', 'run.json']);
    const kept = seqatlas('filter', '-i', join(dir, 'lake.fastq'), '-o', join(dir, 'out'), '--primers', `${PRIMERS.forward},${PRIMERS.reverse}`, '--trunc-q', '2', '--max-ee-rate', '0.01');
    expect(kept.code, kept.stderr).toBe(0);
    expect(kept.stdout).toMatch(/^ {2}lake: \d+ of 30 kept \([\d.]+%, mean length 161, expected errors [\d.]+\)/m);
    const bad = seqatlas('filter', '-i', join(dir, 'lake.fastq'), '-o', join(dir, 'out'), '--max-ee', '0');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"0" is not a positive number');
  });
  it('gathers a MinKNOW run’s chunk files by barcode, and turns Nanopore reads of either strand round to the amplicon', async () => {
    const dir = await tempDir();
    const random = mulberry32(12);
    const pass = join(dir, 'minion', 'fastq_pass');
    // Whole amplicons (both primers) with 4% errors, half of them read from the other strand, Q14 throughout.
    const chunk = async (barcode: string, n: number, members: string[]) => {
      await mkdir(join(pass, barcode), { recursive: true });
      const reads = members.flatMap((region, a) => Array.from({ length: 3 }, (_, copy) => {
        const amplicon = withReadErrors(`${FORWARD_SITE}${region}${REVERSE_SITE}`, 0.04, random);
        const sequence = copy % 2 === 0 ? amplicon : reverseComplementOf(amplicon);
        return `@${barcode}-${n}-${a}-${copy} runid=6b5e4d3c\n${sequence}\n+\n${'/'.repeat(sequence.length)}\n`;
      }));
      await writeFile(join(pass, barcode, `FAW12345_pass_${barcode}_6b5e4d3c_0a1b2c3d_${n}.fastq`), reads.join(''));
    };
    await chunk('barcode01', 0, regions.slice(0, 4));
    await chunk('barcode01', 1, regions.slice(4, 8));
    await chunk('barcode02', 0, regions.slice(8, 12));
    const out = join(dir, 'filtered');
    const result = await engine.filterReads({ input: join(dir, 'minion'), out, primers: PRIMERS, requireBothPrimers: true, minLength: 150, maxLength: 260, maxErrorRate: 0.05 });
    expect(result.samples.map((s) => [s.sample, s.inputs.length, s.reads])).toEqual([['barcode01', 2, 24], ['barcode02', 1, 12]]);
    expect(await readdir(out)).toEqual(['barcode01.fastq', 'barcode02.fastq', 'filter_report.tsv', 'run.json']);
    // Q14 is 4% errors per base, under the 5% limit; primer sites are found despite insertions and deletions in them
    // (a mismatch-only search lost 15 of these 36 reads).
    expect(result.kept).toBeGreaterThan(33);
    const starts = new Set(regions.slice(0, 12).map((region) => region.slice(0, 8)));
    for await (const event of readSequences(join(out, 'barcode01.fastq'))) {
      if (event.kind !== 'record') throw new Error(event.issue.message);
      // Turned round: each read now runs forward from just after 515F (its first bases mostly those of its region).
      expect(event.record.sequence.length).toBeGreaterThan(180);
      expect(event.record.sequence.length).toBeLessThan(220);
    }
    let forward = 0;
    for await (const event of readSequences(join(out, 'barcode02.fastq'))) if (event.kind === 'record' && starts.has(event.record.sequence.slice(0, 8))) forward += 1;
    expect(forward).toBeGreaterThan(6);
    const report = (await readFile(join(out, 'filter_report.tsv'), 'utf8')).split('\n');
    expect(report[1]!.split('\t').slice(0, 2)).toEqual(['barcode01', 'FAW12345_pass_barcode01_6b5e4d3c_0a1b2c3d_0.fastq,FAW12345_pass_barcode01_6b5e4d3c_0a1b2c3d_1.fastq']);
  });
});
