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
import { readAssignments } from '../main/export/assignments-tsv.ts';
import { bootstrapReplicates, EVALUATION_SEED, percentile95, type Interval } from '../main/evaluate/bootstrap.ts';
import { countOutcomes, evaluateTaxonomy, OUTCOME_SCORES, rankOutcomesOf, type OutcomeCounts, type RankOutcomes, type RankScore } from '../main/export/evaluate-taxonomy.ts';
import { forgetAllKeptFits, refdataDir, timed } from './bench-env.ts';
import { goldSplit, runPeers } from './taxonomy-peers.ts';

const round = (v: number | null, digits = 3) => (v === null ? null : Number(v.toFixed(digits)));

/** Expected calibration error (15 equal-width bins) of the lowest-rank confidence against the truth. */
export function calibrationError(classification: Classification, truth: Map<string, string[]>): number {
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

/**
 * Paired bootstrap of two classifications' genus precision and decision accuracy over the same resampled reads
 * (evaluate taxonomy's outcomes and scores): how sure the split is that one is better than the other.
 */
function pairedGenusDifference(a: RankOutcomes, b: RankOutcomes) {
  const n = a.assigned.length;
  const compare = (score: (c: OutcomeCounts) => number) => {
    const differences = bootstrapReplicates(n, { replicates: 2000, seed: EVALUATION_SEED }, (order) => score(countOutcomes(a, order)) - score(countOutcomes(b, order)));
    const interval = percentile95(differences);
    return {
      difference: round(score(countOutcomes(a)) - score(countOutcomes(b))), interval95: [round(interval.low), round(interval.high)],
      shareOfResamplesAbove: round(differences.filter((d) => d > 0).length / differences.length),
    };
  };
  return { precision: compare(OUTCOME_SCORES.precision), decision: compare(OUTCOME_SCORES.decisionAccuracy) };
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
      await forgetAllKeptFits(store);
      const run = await timed(() => engine.classify({ input: test, reference: 'gold', store, out, overrides }));
      runs[name] = { file: join(out, 'assignments.tsv'), seconds: run.value.seconds };
      if (name === 'seqatlas') defaultConfidence = Number(parse(await readFile(join(out, 'experiment_config.yaml'), 'utf8')).min_confidence);
    }
    const ours = await readAssignments(runs.seqatlas!.file);
    const novelTruth = ours.reads.map((read) => !knownGenera.has(truth.get(read.queryId)![5]));
    const flagged = ours.reads.map((read) => read.novel);
    const flaggedNovel = flagged.filter((f, i) => f && novelTruth[i]).length;

    const { runs: peerRuns, missing: peers } = await runPeers(train, test, work);
    Object.assign(runs, peerRuns);

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
    const genusOf = (run: { file: string }) => rankOutcomesOf({ assignments: run.file, truth: truthFile, referenceTaxa }, 'genus');
    const versusRdp = runs['rdp@0.8'] ? pairedGenusDifference(await genusOf(runs.seqatlas!), await genusOf(runs['rdp@0.8'])) : 'rdp not installed';
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
