import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../main/api/engine.ts';
import { readAssignments } from '../../main/export/assignments-tsv.ts';
import { readSequences } from '../../main/io/read-sequences.ts';
import { expectEngineError } from '../helpers/engine-errors.ts';
import { seqatlas } from '../helpers/run-cli.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { mulberry32 } from '../../native/onnx/seeded-random.ts';
import { simulatedPair } from './simulated-pairs.ts';

const FIXTURES = resolve('test/fixtures/classify');
const tempDir = useTempDirs();
const engine = new Engine();
/** 290 bases of each fixture 16S read stand in for an amplicon; 2 × 200-base reads overlap by 110. */
let amplicons: { id: string; sequence: string }[];

beforeAll(async () => {
  amplicons = [];
  for await (const event of readSequences(join(FIXTURES, 'reads.fasta.gz'))) {
    if (event.kind === 'record') amplicons.push({ id: event.record.id, sequence: event.record.sequence.slice(500, 790) });
  }
});

const fastq = (records: { id: string; sequence: string; quality: string }[]) => records.map((r) => `@${r.id}\n${r.sequence}\n+\n${r.quality}\n`).join('');

/** A sample's pair of FASTQ files: three reads of each of its amplicons, Illumina's mate ids (same id, 1:/2: comment). */
async function writeSample(dir: string, names: [string, string], members: { id: string; sequence: string }[], seed: number, gzip = false) {
  const random = mulberry32(seed);
  const forward: { id: string; sequence: string; quality: string }[] = [];
  const reverse: typeof forward = [];
  const truth = new Map<string, string>();
  members.forEach((amplicon, a) => {
    for (let copy = 0; copy < 3; copy += 1) {
      const id = `M00123:7:000000000-ABCDE:1:${1100 + seed}:${1000 + a}:${copy}`;
      const pair = simulatedPair(random, amplicon.sequence, 200);
      forward.push({ id: `${id} 1:N:0:1`, ...pair.forward });
      reverse.push({ id: `${id} 2:N:0:1`, ...pair.reverse });
      truth.set(id, amplicon.sequence);
    }
  });
  const write = (name: string, text: string) => writeFile(join(dir, name), gzip ? gzipSync(text) : text);
  await write(names[0], fastq(forward));
  await write(names[1], fastq(reverse));
  return { truth, forward, reverse };
}

describe('merge-pairs', () => {
  it('merges each sample’s pairs into one FASTQ of amplicons, which classify names as it names the amplicons', async () => {
    const dir = await tempDir();
    const reads = join(dir, 'MiSeq_run');
    await mkdir(reads);
    const pond = await writeSample(reads, ['pond_S1_L001_R1_001.fastq.gz', 'pond_S1_L001_R2_001.fastq.gz'], amplicons.slice(0, 15), 1, true);
    const river = await writeSample(reads, ['river_R1.fq', 'river_R2.fq'], amplicons.slice(10), 2);
    await writeFile(join(reads, 'undetermined_R1.fastq'), '@x\nACGT\n+\nIIII\n');
    const out = join(dir, 'merged');
    const warnings: string[] = [];
    const result = await engine.mergePairs({ input: reads, out }, { emit: (event) => event.type === 'warning' && warnings.push(event.message) });
    expect(warnings).toEqual(['1 files have no mate and are not merged (first: undetermined_R1.fastq)']);
    expect(result.samples.map((s) => [s.sample, s.readPairs])).toEqual([['pond', 45], ['river', 45]]);
    expect(result.unpaired).toEqual([join(reads, 'undetermined_R1.fastq')]);
    expect(result.merged).toBe(90);
    expect(await readdir(out)).toEqual(['merge_report.tsv', 'pond.fastq', 'river.fastq', 'run.json']);

    // Merged reads are the amplicons but for errors one read made where the other does not reach (or where it read a
    // base less surely): about one read in six of these simulated reads has such an error.
    const truth = new Map([...pond.truth, ...river.truth]);
    let exact = 0;
    for (const sample of ['pond', 'river']) {
      for await (const event of readSequences(join(out, `${sample}.fastq`))) {
        if (event.kind !== 'record') throw new Error(event.issue.message);
        expect(event.record.sample).toBe(sample);
        if (event.record.sequence === truth.get(event.record.id)) exact += 1;
      }
    }
    expect(exact).toBeGreaterThan(65);
    const report = (await readFile(join(out, 'merge_report.tsv'), 'utf8')).trim().split('\n').map((line) => line.split('\t'));
    expect(report[0]).toEqual(['sample', 'file', 'read_pairs', 'merged', 'no_overlap', 'staggered', 'expected_errors', 'too_short', 'no_primers', 'unreadable', 'mean_length', 'mean_overlap', 'forward_files', 'reverse_files']);
    expect(report[1]!.slice(0, 4)).toEqual(['pond', 'pond.fastq', '45', '45']);
    expect(report[1]![10]).toBe('290.0');

    // The merged folder classifies like the amplicons themselves: same samples, same family for every read.
    const store = join(dir, 'store');
    await engine.buildReference({ input: join(FIXTURES, 'reference.fasta.gz'), name: 'gold5', model: 'dna-kmer', store });
    const merged = await engine.classify({ input: out, reference: 'gold5', store, out: join(dir, 'run') });
    // (Amplicons against whole genes are all novel, and classify says so; nothing about pairs.)
    expect(merged.warnings.filter((warning) => warning.includes('paired-end'))).toEqual([]);
    // The pairs themselves, unmerged, are refused with what to do.
    await expectEngineError(engine.classify({ input: reads, reference: 'gold5', store, out: join(dir, 'unmerged') }), 'bad_request', /^pond_S1_L001_R1_001\.fastq\.gz and pond_S1_L001_R2_001\.fastq\.gz are the two reads of paired-end sample pond: merge each pair into one read first \(seqatlas merge-pairs, or Merge pairs on the Import screen\)/);
    // Files named like mates whose reads are not mates are not refused (their reads keep merge-pairs' ;sample= tags).
    const lakes = join(dir, 'lakes');
    await mkdir(lakes);
    await writeFile(join(lakes, 'lake_1.fastq'), await readFile(join(out, 'pond.fastq')));
    await writeFile(join(lakes, 'lake_2.fastq'), await readFile(join(out, 'river.fastq')));
    expect((await engine.classify({ input: lakes, reference: 'gold5', store, out: join(dir, 'lakes-run') })).samples).toEqual(['pond', 'river']);
    const ampliconFile = join(dir, 'amplicons.fasta');
    await writeFile(ampliconFile, [...truth].map(([id, sequence]) => `>${id};sample=${pond.truth.has(id) ? 'pond' : 'river'}\n${sequence}\n`).join(''));
    await engine.classify({ input: ampliconFile, reference: 'gold5', store, out: join(dir, 'truth-run') });
    const [mergedRun, expected] = await Promise.all(['run', 'truth-run'].map((run) => readAssignments(join(dir, run, 'assignments.tsv'))));
    const family = (c: Awaited<ReturnType<typeof readAssignments>> | undefined) => new Map(c!.reads.map((read) => [read.queryId, [read.sample, read.calls[4]?.name]]));
    expect(family(mergedRun)).toEqual(family(expected));
  });

  it('cuts merged reads to the region between the primers, dropping reads without them', async () => {
    const dir = await tempDir();
    // Amplicons as sequenced: 515F, the V4 stretch, then 806R's reverse complement (one concrete primer of its IUPAC codes).
    const withPrimers = amplicons.slice(0, 6).map(({ id, sequence }) => ({ id, sequence: `GTGCCAGCAGCCGCGGTAA${sequence.slice(0, 200)}ATTAGATACCCTTGTAGTCC` }));
    const stray = amplicons.slice(6, 8).map(({ id, sequence }) => ({ id, sequence: sequence.slice(0, 239) }));
    await writeSample(dir, ['lake_R1.fastq', 'lake_R2.fastq'], [...withPrimers, ...stray], 5);
    const out = join(dir, 'merged');
    const result = await engine.mergePairs({ input: dir, out, region: { forward: 'GTGYCAGCMGCCGCGGTAA', reverse: 'GGACTACNVGGGTWTCTAAT' } });
    expect(result.samples[0]).toMatchObject({ readPairs: 24, merged: 18, failed: { no_primers: 6 }, meanLength: 200 });
    const cores = new Set(amplicons.slice(0, 6).map(({ sequence }) => sequence.slice(0, 200)));
    let exact = 0;
    for await (const event of readSequences(join(out, 'lake.fastq'))) if (event.kind === 'record' && cores.has(event.record.sequence)) exact += 1;
    expect(exact).toBeGreaterThan(12);
  });

  it('runs from the command line, with a quality filter, and exits 2 on a bad option', async () => {
    const dir = await tempDir();
    await writeSample(dir, ['lake_R1.fastq.gz', 'lake_R2.fastq.gz'], amplicons.slice(0, 5), 4, true);
    const merged = seqatlas('merge-pairs', '-i', dir, '-o', join(dir, 'merged'), '--max-ee', '0.08');
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toMatch(/^merged (\d+) of 15 read pairs \([\d.]+%\) of 1 samples in [\d.]+ s$/m);
    // At most 0.08 expected errors: reads with fewer low-quality bases outside the overlap; the rest are counted as such.
    expect(merged.stdout).toMatch(/^ {2}lake: \d+ of 15 merged \([\d.]+%, mean length 290, overlap 110\); not merged: expected_errors \d+$/m);
    const bad = seqatlas('merge-pairs', '-i', dir, '-o', join(dir, 'merged'), '--max-diffs', '-1');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"-1" is not a non-negative integer');
  });

  it('refuses files that are not mates, a mate that ends early and FASTA, and leaves no partial file', async () => {
    const dir = await tempDir();
    const sample = await writeSample(dir, ['lake_R1.fastq', 'lake_R2.fastq'], amplicons.slice(0, 4), 3);
    const out = join(dir, 'out');
    // The reverse file in another order (sorted or filtered by another tool).
    await writeFile(join(dir, 'lake_R2.fastq'), fastq([...sample.reverse.slice(1), sample.reverse[0]!]));
    await expectEngineError(engine.mergePairs({ input: dir, out }), 'input_unreadable', /^read 1 of lake_R1\.fastq \("M00123:7:000000000-ABCDE:1:1103:1000:0"\) and of lake_R2\.fastq \("M00123:7:000000000-ABCDE:1:1103:1000:1"\) are not mates/);
    expect(await readdir(out)).toEqual([]);
    await writeFile(join(dir, 'lake_R2.fastq'), fastq(sample.reverse.slice(0, 5)));
    await expectEngineError(engine.mergePairs({ input: dir, out }), 'input_unreadable', /^lake_R2\.fastq ends after 5 reads, its mate lake_R1\.fastq goes on/);
    expect(await readdir(out)).toEqual([]);
    // FASTA files are not paired (lake_1.fa and lake_2.fa are more likely two lakes); a FASTA named .fastq is refused.
    const fasta = await tempDir();
    await writeFile(join(fasta, 'a_1.fasta'), '>r1\nACGTACGTAC\n');
    await writeFile(join(fasta, 'a_2.fasta'), '>r1\nGTACGTACGT\n');
    await expectEngineError(engine.mergePairs({ input: fasta, out }), 'bad_request', /^no paired-end files among/);
    await writeFile(join(fasta, 'b_R1.fastq'), '>r1\nACGTACGTAC\n');
    await writeFile(join(fasta, 'b_R2.fastq'), '>r1\nGTACGTACGT\n');
    await expectEngineError(engine.mergePairs({ input: fasta, out }), 'input_unreadable', /^b_R1\.fastq is FASTA: merging pairs needs the base qualities of FASTQ$/);
    await expectEngineError(engine.mergePairs({ input: join(FIXTURES, 'reads.fasta.gz'), out }), 'bad_request', /^no paired-end files among reads\.fasta\.gz/);
  });
});
