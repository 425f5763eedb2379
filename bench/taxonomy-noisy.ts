/**
 * Noisy reads on the 16S gold split, as a MinION gives them in the field: every full-length test read copied with
 * sequencing errors at 2%, 5% and 10% per base (R10.4 to older R9.4 flow cells), in a Nanopore-like mix of 45%
 * deletions, 35% substitutions and 20% insertions (not the equal shares SeqAtlas simulates for its calibration, so
 * the bench does not flatter it), written as FASTQ whose qualities state that rate. Classified against the clean
 * training half by SeqAtlas as users run it (the calibration fitted on noisy copies of the references at the rate
 * the qualities state), by SeqAtlas with the clean fit (`read_error_rate: 0`, what it did before), by classifier
 * bundles trained on the clean references and for the rate (`train --read-error-rate`), and by RDP and vsearch 1-NN
 * on the same reads. A last case puts 5% errors mostly in homopolymers, with per-base qualities, as Nanopore does.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../main/api/engine.ts';
import { readAssignments } from '../main/export/assignments-tsv.ts';
import { evaluateTaxonomy, type RankScore } from '../main/export/evaluate-taxonomy.ts';
import { mulberry32 } from '../native/onnx/seeded-random.ts';
import { forgetAllKeptFits, refdataDir, timed } from './bench-env.ts';
import { calibrationError } from './taxonomy-classify.ts';
import { goldSplit, readGold, runPeers } from './taxonomy-peers.ts';

const RATES = [0.02, 0.05, 0.1];
/** The rate of the case whose errors cluster in homopolymers. */
const HOMOPOLYMER_CASE_RATE = 0.05;
const MIX = { deletion: 0.45, substitution: 0.35 };
const round = (v: number | null) => (v === null ? null : Number(v.toFixed(3)));

/** Errors at `rate` per base in the Nanopore-like MIX, spread evenly along the read. */
export function nanoporeErrors(sequence: string, rate: number, random: () => number): string {
  let out = '';
  for (const base of sequence) {
    const draw = random();
    if (draw >= rate) out += base;
    else if (draw < rate * MIX.deletion) continue;
    else if (draw < rate * (MIX.deletion + MIX.substitution)) out += 'ACGT'.replace(base, '')[Math.floor(random() * 3)] ?? base;
    else out += base + 'ACGT'[Math.floor(random() * 4)]!;
  }
  return out;
}

/** How much likelier an error is on a base inside a homopolymer (a run of three or more) than elsewhere. */
const HOMOPOLYMER_WEIGHT = 5;

/**
 * Errors as Nanopore makes most of them: in homopolymers, whose length the basecaller misjudges. A base inside a run
 * of three or more is HOMOPOLYMER_WEIGHT times likelier to be wrong, and there its error is the run made a base
 * shorter or longer (45% each; 10% substitutions); elsewhere the usual mix. The mean error per base is `rate`, and
 * each base's quality states its own error probability, as a basecaller's do.
 */
function homopolymerErrors(sequence: string, rate: number, random: () => number): { sequence: string; quality: string } {
  const inRun = Array.from(sequence, () => false);
  for (let start = 0, end = 1; start < sequence.length; start = end, end = start + 1) {
    while (end < sequence.length && sequence[end] === sequence[start]) end += 1;
    if (end - start >= 3) inRun.fill(true, start, end);
  }
  const weights = inRun.map((run) => (run ? HOMOPOLYMER_WEIGHT : 1));
  const scale = (rate * sequence.length) / weights.reduce((a, b) => a + b, 0);
  let out = '';
  let quality = '';
  const emit = (bases: string, error: number) => {
    out += bases;
    quality += String.fromCharCode(33 + Math.min(40, Math.max(2, Math.round(-10 * Math.log10(error))))).repeat(bases.length);
  };
  for (const [i, base] of [...sequence].entries()) {
    const error = Math.min(0.75, weights[i]! * scale);
    const draw = random();
    if (draw >= error) emit(base, error);
    else if (inRun[i]) {
      if (draw < error * 0.45) continue;
      if (draw < error * 0.9) emit(base + base, error);
      else emit('ACGT'.replace(base, '')[Math.floor(random() * 3)] ?? base, error);
    } else if (draw < error * MIX.deletion) continue;
    else if (draw < error * (MIX.deletion + MIX.substitution)) emit('ACGT'.replace(base, '')[Math.floor(random() * 3)] ?? base, error);
    else emit(base + 'ACGT'[Math.floor(random() * 4)]!, error);
  }
  return { sequence: out, quality };
}

export async function benchTaxonomyNoisy(): Promise<Record<string, unknown>> {
  const work = await mkdtemp(join(tmpdir(), 'seqatlas-bench-noisy-'));
  try {
    const { train, test, truthFile, referenceTaxa, truth } = await goldSplit(refdataDir(), work);
    const headers = new Map((await readFile(test, 'utf8')).split('\n').filter((l) => l.startsWith('>')).map((l) => [l.slice(1).split(/\s/)[0]!, l]));
    const engine = new Engine();
    const store = join(work, 'store');
    await engine.buildReference({ input: train, name: 'gold', model: 'dna-kmer', store });
    const cleanBundle = join(work, 'bundle-clean');
    await engine.train({ reference: 'gold', store, out: cleanBundle });
    const byRate: Record<string, unknown> = {};
    const cases = [
      ...RATES.map((rate) => ({ label: `${100 * rate}% errors`, rate, homopolymers: false })),
      { label: `${100 * HOMOPOLYMER_CASE_RATE}% errors, mostly in homopolymers`, rate: HOMOPOLYMER_CASE_RATE, homopolymers: true },
    ];
    for (const { label, rate, homopolymers } of cases) {
      const dir = join(work, `rate-${rate}${homopolymers ? '-homopolymers' : ''}`);
      await mkdir(dir);
      const random = mulberry32(Math.round(rate * 1000) + (homopolymers ? 1 : 0));
      const flat = String.fromCharCode(33 + Math.round(-10 * Math.log10(rate)));
      const reads = readGold(test).map((record) => {
        const sequence = record.sequence.toUpperCase();
        if (homopolymers) return { id: record.id, ...homopolymerErrors(sequence, rate, random) };
        const noisy = nanoporeErrors(sequence, rate, random);
        return { id: record.id, sequence: noisy, quality: flat.repeat(noisy.length) };
      });
      const fastq = join(dir, 'minion.fastq');
      await writeFile(fastq, reads.map((r) => `@${r.id}\n${r.sequence}\n+\n${r.quality}\n`).join(''));
      // The peers read ids and lineages from the gold headers.
      const fasta = join(dir, 'minion.fasta');
      await writeFile(fasta, reads.map((r) => `${headers.get(r.id)}\n${r.sequence}\n`).join(''));
      const runs: Record<string, { file: string; seconds: number }> = {};
      let fitted: number | null = null;
      for (const [name, overrides] of [['seqatlas', {}], ['seqatlas@0', { min_confidence: 0 }], ['seqatlas, clean fit', { calibration: { read_error_rate: 0 } }]] as const) {
        const out = join(dir, name.replace(/\W+/g, '-'));
        await forgetAllKeptFits(store);
        const run = await engine.classify({ input: fastq, reference: 'gold', store, out, overrides });
        if (name === 'seqatlas') fitted = run.fitted!.readErrorRate;
        runs[name] = { file: join(out, 'assignments.tsv'), seconds: run.seconds };
      }
      // Bundles: one trained on the clean references, one trained for this rate (train --read-error-rate); the
      // homopolymer case asks only whether the k-NN calibration holds for errors unlike those it simulates.
      const training = homopolymers ? null : await timed(() => engine.train({ reference: 'gold', store, out: join(dir, 'bundle'), readErrorRate: rate }));
      for (const [name, bundle] of training ? [['bundle, clean', cleanBundle], ['bundle, trained for the rate', join(dir, 'bundle')]] as const : []) {
        const out = join(dir, name.replace(/\W+/g, '-'));
        const run = await engine.classify({ input: fastq, bundle, store, out });
        runs[name] = { file: join(out, 'assignments.tsv'), seconds: run.seconds };
      }
      const { runs: peerRuns, missing } = await runPeers(train, fasta, dir);
      Object.assign(runs, peerRuns);
      const methods: Record<string, unknown> = {};
      for (const [name, run] of Object.entries(runs)) {
        const scored = await evaluateTaxonomy({ assignments: run.file, truth: truthFile, referenceTaxa });
        const at = (rank: string) => scored.ranks.find((s: RankScore) => s.rank === rank)!;
        // Confidences are SeqAtlas's calibrated ones and RDP's bootstrap shares; vsearch has none.
        const confidence = name.startsWith('vsearch') ? {} : { calibrationError: round(calibrationError(await readAssignments(run.file), truth)) };
        methods[name] = {
          seconds: Number(run.seconds.toFixed(1)),
          genus: { accuracy: round(at('genus').accuracy), precision: round(at('genus').precision), coverage: round(at('genus').coverage), decision: round(at('genus').decisionAccuracy), ...confidence },
          family: { accuracy: round(at('family').accuracy), precision: round(at('family').precision), decision: round(at('family').decisionAccuracy) },
        };
      }
      byRate[label] = { qualityStates: fitted, ...(training ? { bundleTrainingSeconds: Number(training.seconds.toFixed(1)) } : {}), methods, ...missing };
    }
    return { reads: readGold(test).length, mix: MIX, homopolymerWeight: HOMOPOLYMER_WEIGHT, byRate };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
