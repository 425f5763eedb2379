import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../main/api/engine.ts';
import { measuredErrorRate, withReadErrors } from '../../main/classify/read-errors.ts';
import { readAssignments } from '../../main/export/assignments-tsv.ts';
import { readLineageFile } from '../../main/export/lineage-file.ts';
import { readSequences } from '../../main/io/read-sequences.ts';
import { mulberry32 } from '../../native/onnx/seeded-random.ts';
import { seqatlas } from '../helpers/run-cli.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const FIXTURES = resolve('test/fixtures/classify');
const tempDir = useTempDirs();
const engine = new Engine();
let store: string;
let truth: Map<string, string[]>;
let reads: { id: string; sequence: string }[];

beforeAll(async () => {
  store = join(await mkdtemp(join(tmpdir(), 'seqatlas-noisy-')), 'store');
  await engine.buildReference({ input: join(FIXTURES, 'reference.fasta.gz'), name: 'gold5', model: 'dna-kmer', store });
  truth = await readLineageFile(join(FIXTURES, 'reads.truth.tsv'));
  reads = [];
  for await (const event of readSequences(join(FIXTURES, 'reads.fasta.gz'))) {
    if (event.kind === 'record' && truth.has(event.record.id)) reads.push({ id: event.record.id, sequence: event.record.sequence });
  }
});

/** Levenshtein distance, for checking the simulated error rate. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

describe('reads with sequencing errors (Nanopore)', () => {
  it('simulates errors at the rate asked, the same ones for the same seed, and reads the rate FASTQ qualities state', async () => {
    const sequence = reads[0]!.sequence.slice(0, 600);
    const copy = withReadErrors(sequence, 0.1, mulberry32(3));
    expect(withReadErrors(sequence, 0.1, mulberry32(3))).toBe(copy);
    expect(withReadErrors(sequence, 0, mulberry32(3))).toBe(sequence);
    // Edits needed are a little under the errors made (an insertion next to a deletion can cancel out).
    expect(editDistance(sequence, copy) / sequence.length).toBeGreaterThan(0.07);
    expect(editDistance(sequence, copy) / sequence.length).toBeLessThan(0.12);

    const dir = await tempDir();
    // Q10 ('+') is one error in ten, Q20 ('5') one in a hundred: half the bases of each.
    await writeFile(join(dir, 'a.fastq'), '@r1\nACGTACGTAC\n+\n+++++55555\n');
    await writeFile(join(dir, 'b.fasta'), '>r2\nACGT\n');
    expect(await measuredErrorRate([join(dir, 'a.fastq'), join(dir, 'b.fasta')])).toBeCloseTo(0.055, 10);
    expect(await measuredErrorRate([join(dir, 'b.fasta')])).toBeNull();
  });

  it('calibrates for reads as noisy as their qualities say: most genera named, and rightly', async () => {
    const dir = await tempDir();
    const random = mulberry32(8);
    // Four noisy copies of each test read (10% errors), with the Q10 qualities that rate means.
    const noisy = reads.flatMap(({ id, sequence }) => Array.from({ length: 4 }, (_, copy) => ({ id: `${id}-${copy}`, truth: truth.get(id)!, sequence: withReadErrors(sequence, 0.1, random) })));
    const fastq = join(dir, 'minion.fastq');
    await writeFile(fastq, noisy.map((r) => `@${r.id}\n${r.sequence}\n+\n${'+'.repeat(r.sequence.length)}\n`).join(''));
    const truthOf = new Map(noisy.map((r) => [r.id, r.truth]));
    const run = async (overrides: Record<string, unknown>) => {
      const out = join(dir, `run-${JSON.stringify(overrides).replace(/\W+/g, '')}`);
      const result = await engine.classify({ input: fastq, reference: 'gold5', store, out, overrides });
      const named = (await readAssignments(join(out, 'assignments.tsv'))).reads.filter((read) => read.assignedRanks === 6);
      return { result, genera: named.length, expected: named.reduce((sum, read) => sum + read.calls[5]!.confidence, 0), right: named.filter((read) => read.calls[5]!.name === truthOf.get(read.queryId)![5]).length };
    };
    const auto = await run({});
    expect(auto.result.fitted).toMatchObject({ readErrorRate: 0.1, cached: false });
    const clean = await run({ calibration: { read_error_rate: 0 } });
    expect(clean.result.fitted!.readErrorRate).toBe(0);
    // Calibrated on the clean references, reads this noisy look novel and few are named; calibrated for their errors,
    // most genera are named, and as rightly as their confidence says.
    expect(clean.result.novel).toBeGreaterThan(auto.result.novel);
    expect(auto.genera).toBeGreaterThan(clean.genera);
    expect(auto.genera).toBeGreaterThan(0.6 * noisy.length);
    // Calibrated: as many genus calls right as their confidences add up to (79 against 81.7 here), within a tenth.
    expect(Math.abs(auto.right - auto.expected)).toBeLessThan(0.1 * auto.genera);
    // The fit is kept for the next run of reads as noisy (rates rounded to half a percent).
    const again = await run({ calibration: { read_error_rate: 0.098 } });
    expect(again.result.fitted).toMatchObject({ readErrorRate: 0.1, cached: true });
  });

  it('takes --read-error-rate on the command line and refuses a rate out of range', async () => {
    const dir = await tempDir();
    const fasta = join(dir, 'noisy.fasta');
    const random = mulberry32(9);
    await writeFile(fasta, reads.map(({ id, sequence }) => `>${id}\n${withReadErrors(sequence, 0.06, random)}\n`).join(''));
    const ran = seqatlas('classify', '-i', fasta, '-r', 'gold5', '-s', store, '-o', join(dir, 'out'), '--read-error-rate', '0.06');
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/^ {2}fitted on the reference for reads with 6\.0% errors: k=\d+/m);
    const bad = seqatlas('classify', '-i', fasta, '-r', 'gold5', '-s', store, '-o', join(dir, 'out'), '--read-error-rate', '0.5');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"0.5" is neither auto nor an error rate per base from 0 to 0.3');
  });

  it('calibrates reads whose qualities state more errors than it simulates for the most it does, and says so', async () => {
    const dir = await tempDir();
    const fastq = join(dir, 'junk.fastq');
    // Phred 3 everywhere: half the bases wrong, by the basecaller's own account.
    await writeFile(fastq, reads.slice(0, 5).map(({ id, sequence }) => `@${id}\n${sequence}\n+\n${'$'.repeat(sequence.length)}\n`).join(''));
    const result = await engine.classify({ input: fastq, reference: 'gold5', store, out: join(dir, 'out') });
    expect(result.fitted!.readErrorRate).toBe(0.3);
    expect(result.warnings).toContainEqual(expect.stringMatching(/^the reads' qualities state 50\.1% sequencing errors, more than the 30% SeqAtlas calibrates for: .*seqatlas filter --max-ee-rate/));
  });
  it('classifies a MinKNOW run folder as one sample per barcode, its chunk files together', async () => {
    const dir = await tempDir();
    const random = mulberry32(10);
    const write = async (barcode: string, chunk: number, members: typeof reads) => {
      await mkdir(join(dir, 'fastq_pass', barcode), { recursive: true });
      const text = members.map(({ id, sequence }) => {
        const noisy = withReadErrors(sequence, 0.05, random);
        return `@${barcode}-${chunk}-${id}\n${noisy}\n+\n${'.'.repeat(noisy.length)}\n`;
      }).join('');
      await writeFile(join(dir, 'fastq_pass', barcode, `FAW12345_pass_${barcode}_6b5e4d3c_0a1b2c3d_${chunk}.fastq`), text);
    };
    await write('barcode01', 0, reads.slice(0, 8));
    await write('barcode01', 1, reads.slice(8, 16));
    await write('barcode02', 0, reads.slice(16));
    const result = await engine.classify({ input: join(dir, 'fastq_pass'), reference: 'gold5', store, out: join(dir, 'run') });
    expect(result.samples).toEqual(['barcode01', 'barcode02']);
    expect(result.fitted).toMatchObject({ readErrorRate: 0.05 });
    const table = (await readFile(join(dir, 'run', 'taxon_table.tsv'), 'utf8')).split('\n')[0];
    expect(table).toBe('taxon\tbarcode01\tbarcode02');
  });
});
