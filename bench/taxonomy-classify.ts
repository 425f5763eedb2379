/**
 * Taxonomic classification on the 16S gold split of ../shared/refdata (train on gold.train.fasta, classify the 537
 * gold.test.fasta queries, 71 of them from genera absent from the training half), SeqAtlas beside the Debian
 * rdp-classifier (trained on the same half) and vsearch 1-nearest-neighbour when they are installed. Every
 * method's calls are written as assignments.tsv and scored by the same `evaluate taxonomy` code, per rank.
 *   seqatlas@0      --min-confidence 0: the full lineage of every read
 *   seqatlas        the default minimum confidence
 *   rdp@0, rdp@0.8  RDP naive Bayes, every read assigned / its usual 0.8 bootstrap cutoff
 *   vsearch         global alignment 1-NN (--id 0.5), every read assigned
 * Also: expected calibration error of SeqAtlas's genus confidence, and how well the novelty flag finds the reads
 * of absent genera.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Engine } from '../main/api/engine.ts';
import type { Classification } from '../main/classify/read-assignment.ts';
import { readAssignments, writeAssignments } from '../main/export/assignments-tsv.ts';
import { bootstrapReplicates, EVALUATION_SEED, percentile95, type Interval } from '../main/evaluate/bootstrap.ts';
import { evaluateTaxonomy, type RankScore } from '../main/export/evaluate-taxonomy.ts';
import { refdataDir, timed } from './bench-env.ts';
import { goldSplit, installed, runRdp, runVsearch } from './taxonomy-peers.ts';

const round = (v: number | null, digits = 3) => (v === null ? null : Number(v.toFixed(digits)));
/** The gold lineages' genus position. */
const GENUS = 5;

/** Expected calibration error (15 equal-width bins) of the lowest-rank confidence against the truth. */
function calibrationError(classification: Classification, truth: Map<string, string[]>): number {
  const bins = Array.from({ length: 15 }, () => ({ n: 0, confidence: 0, right: 0 }));
  const last = classification.ranks.length - 1;
  let total = 0;
  for (const read of classification.reads) {
    const call = read.calls[last];
    const expected = truth.get(read.queryId);
    if (!call || !expected) continue;
    const bin = bins[Math.min(14, Math.floor(call.confidence * 15))]!;
    bin.n += 1;
    bin.confidence += call.confidence;
    if (call.name === expected[last]) bin.right += 1;
    total += 1;
  }
  return bins.reduce((sum, b) => sum + (b.n > 0 ? (b.n / total) * Math.abs(b.confidence / b.n - b.right / b.n) : 0), 0);
}

/** Per truth read (in `ids` order): whether a method made a genus call, and whether it was right. */
async function genusOutcomes(file: string, ids: readonly string[], truth: Map<string, string[]>) {
  const byId = new Map((await readAssignments(file)).reads.map((read) => [read.queryId, read]));
  const called = new Uint8Array(ids.length);
  const right = new Uint8Array(ids.length);
  ids.forEach((id, i) => {
    const read = byId.get(id);
    const call = read && read.assignedRanks > GENUS ? read.calls[GENUS]!.name : undefined;
    called[i] = call === undefined ? 0 : 1;
    right[i] = call === truth.get(id)![GENUS] ? 1 : 0;
  });
  return { called, right };
}

type GenusOutcomes = Awaited<ReturnType<typeof genusOutcomes>>;

/**
 * Paired bootstrap of two methods' genus precision and decision accuracy over the same resampled reads: how sure the
 * split is that one is better than the other.
 */
function pairedGenusDifference(a: GenusOutcomes, b: GenusOutcomes, absent: Uint8Array) {
  const n = absent.length;
  const precision = (o: GenusOutcomes, order: Int32Array) => {
    let called = 0;
    let right = 0;
    for (const i of order) {
      called += o.called[i]!;
      right += o.right[i]!;
    }
    return right / Math.max(1, called);
  };
  const decision = (o: GenusOutcomes, order: Int32Array) => {
    let right = 0;
    for (const i of order) right += (o.right[i]! || (!o.called[i] && absent[i])) ? 1 : 0;
    return right / n;
  };
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const compare = (statistic: (o: GenusOutcomes, order: Int32Array) => number) => {
    const differences = bootstrapReplicates(n, { replicates: 2000, seed: EVALUATION_SEED }, (order) => statistic(a, order) - statistic(b, order));
    const interval = percentile95(differences);
    return {
      difference: round(statistic(a, all) - statistic(b, all)), interval95: [round(interval.low), round(interval.high)],
      shareOfResamplesAbove: round(differences.filter((d) => d > 0).length / differences.length),
    };
  };
  return { precision: compare(precision), decision: compare(decision) };
}

export async function benchTaxonomyClassify(): Promise<Record<string, unknown>> {
  const refdata = refdataDir();
  const work = await mkdtemp(join(tmpdir(), 'seqatlas-bench-taxonomy-'));
  try {
    const { train, test, truthFile, referenceTaxa, truth, knownGenera } = await goldSplit(refdata, work);

    const engine = new Engine();
    const store = join(work, 'store');
    const build = await timed(() => engine.buildReference({ input: train, name: 'gold', model: 'dna-kmer', store }));
    const runs: Record<string, { file: string; seconds: number }> = {};
    let defaultConfidence = 0;
    for (const [name, overrides] of [['seqatlas@0', { min_confidence: 0 }], ['seqatlas', {}]] as const) {
      const out = join(work, name);
      const run = await timed(() => engine.classify({ input: test, reference: 'gold', store, out, overrides }));
      runs[name] = { file: join(out, 'assignments.tsv'), seconds: run.value.seconds };
      if (name === 'seqatlas') defaultConfidence = Number(parse(await readFile(join(out, 'experiment_config.yaml'), 'utf8')).min_confidence);
    }
    const ours = await readAssignments(runs.seqatlas!.file);
    const novelTruth = ours.reads.map((read) => !knownGenera.has(truth.get(read.queryId)![5]));
    const flagged = ours.reads.map((read) => read.novel);
    const flaggedNovel = flagged.filter((f, i) => f && novelTruth[i]).length;

    const peers: Record<string, string> = {};
    if (installed('java') && installed('rdp_classifier')) {
      const rdp = await runRdp(train, test, work, [0, 0.8]);
      for (const [cutoff, classification] of rdp.byCutoff) {
        const file = join(work, `rdp-${cutoff}.tsv`);
        await writeAssignments(file, classification);
        runs[`rdp@${cutoff}`] = { file, seconds: rdp.seconds };
      }
    } else peers.rdp = 'not installed (apt-get install rdp-classifier)';
    if (installed('vsearch')) {
      const vsearch = await runVsearch(train, test, work);
      const file = join(work, 'vsearch.tsv');
      await writeAssignments(file, vsearch.result);
      runs.vsearch = { file, seconds: vsearch.seconds };
    } else peers.vsearch = 'not installed (apt-get install vsearch)';

    const methods: Record<string, unknown> = {};
    for (const [name, run] of Object.entries(runs)) {
      // With 95% bootstrap intervals over the 537 reads: how far a figure could move with another draw of queries.
      const scored = await evaluateTaxonomy({ assignments: run.file, truth: truthFile, referenceTaxa, bootstrap: 2000 });
      const interval = (i: Interval | null | undefined) => (i ? [round(i.low), round(i.high)] : null);
      methods[name] = {
        seconds: round(run.seconds, 1),
        ranks: Object.fromEntries(scored.ranks.map((s: RankScore) => [s.rank, {
          accuracy: round(s.accuracy), precision: round(s.precision), coverage: round(s.coverage), decision: round(s.decisionAccuracy),
          precision95: interval(s.intervals?.precision), decision95: interval(s.intervals?.decisionAccuracy),
        }])),
      };
    }
    // SeqAtlas at its default against RDP at its usual cutoff: the "better calibrated than RDP".
    const ids = [...truth.keys()];
    const absent = Uint8Array.from(ids, (id) => (knownGenera.has(truth.get(id)![GENUS]!) ? 0 : 1));
    const versusRdp = runs['rdp@0.8']
      ? pairedGenusDifference(await genusOutcomes(runs.seqatlas!.file, ids, truth), await genusOutcomes(runs['rdp@0.8'].file, ids, truth), absent)
      : 'rdp not installed';
    return {
      queries: truth.size,
      seqatlasMinusRdp08Genus: versusRdp,
      queriesOfAbsentGenera: novelTruth.filter(Boolean).length,
      referenceBuildSeconds: round(build.seconds, 1),
      defaultMinConfidence: defaultConfidence,
      genusCalibrationError: round(calibrationError(ours, truth)),
      novelty: { flagged: flagged.filter(Boolean).length, flaggedOfAbsentGenera: flaggedNovel, precision: round(flaggedNovel / Math.max(1, flagged.filter(Boolean).length)), recall: round(flaggedNovel / Math.max(1, novelTruth.filter(Boolean).length)) },
      methods,
      ...peers,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
