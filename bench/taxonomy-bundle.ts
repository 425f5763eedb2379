/**
 * Trained classifier bundles on the 16S gold split of ../shared/refdata, beside the k-NN consensus: a bundle is
 * trained (`seqatlas train`) on a reference built from gold.train.fasta, then used (`classify --bundle`) on the 537
 * gold.test.fasta queries, 71 of them from genera absent from the training half. Both methods' assignments.tsv are
 * scored by the same `evaluate taxonomy` code, per rank, with the expected calibration error (10 bins) of each
 * rank's confidence on the test half and the bundle's own held-out evaluation from training.
 *   bundle@0, bundle     the trained head with every rank assigned / at the bundle's thresholds (0.5)
 *   knn@0, knn           the k-NN consensus, likewise (the taxonomyClassify bench's SeqAtlas rows)
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../main/api/engine.ts';
import { expectedCalibrationError, type BundleEvaluation } from '../main/classify/bundle/bundle-evaluation.ts';
import type { Classification } from '../main/classify/read-assignment.ts';
import { readAssignments } from '../main/export/assignments-tsv.ts';
import { evaluateTaxonomy } from '../main/export/evaluate-taxonomy.ts';
import { forgetAllKeptFits, refdataDir, timed } from './bench-env.ts';
import { goldSplit } from './taxonomy-peers.ts';

const round = (v: number | null, digits = 3) => (v === null ? null : Number(v.toFixed(digits)));

/** ECE (10 bins) of each rank's confidence against the truth, over reads with a call and a true name there. */
function rankCalibrationErrors(classification: Classification, truth: Map<string, string[]>): Record<string, number | null> {
  return Object.fromEntries(
    classification.ranks.map((rank, r) => {
      const calls = classification.reads.flatMap((read) => {
        const call = read.calls[r];
        const expected = truth.get(read.queryId)?.[r];
        return call && expected ? [{ confidence: call.confidence, right: call.name === expected }] : [];
      });
      return [rank, round(expectedCalibrationError(calls))];
    }),
  );
}

export async function benchTaxonomyBundle(): Promise<Record<string, unknown>> {
  const refdata = refdataDir();
  const work = await mkdtemp(join(tmpdir(), 'seqatlas-bench-bundle-'));
  try {
    const { train, test, truthFile, referenceTaxa, truth, knownGenera } = await goldSplit(refdata, work);

    const engine = new Engine();
    const store = join(work, 'store');
    await engine.buildReference({ input: train, name: 'gold', model: 'dna-kmer', store });
    const bundle = join(work, 'bundle');
    const trained = await timed(() => engine.train({ reference: 'gold', store, out: bundle }));
    // Embed the test half once, so that every method's time below is classification alone.
    await engine.embed({ input: test, store, model: 'dna-kmer', dataset: `query-${test.split('/').pop()}` });

    const runs: [string, { reference?: string; bundle?: string }, Record<string, unknown>][] = [
      ['bundle@0', { bundle }, { min_confidence: 0 }],
      ['bundle', { bundle }, {}],
      ['knn@0', { reference: 'gold' }, { min_confidence: 0 }],
      ['knn', { reference: 'gold' }, {}],
    ];
    const methods: Record<string, unknown> = {};
    let bundleNovelty: Record<string, number | null> = {};
    for (const [name, subject, overrides] of runs) {
      const out = join(work, name);
      await forgetAllKeptFits(store);
      const run = await engine.classify({ input: test, store, out, ...subject, overrides });
      const file = join(out, 'assignments.tsv');
      const classification = await readAssignments(file);
      const scored = await evaluateTaxonomy({ assignments: file, truth: truthFile, referenceTaxa });
      const calibration = rankCalibrationErrors(classification, truth);
      methods[name] = {
        seconds: round(run.seconds, 1),
        ranks: Object.fromEntries(scored.ranks.map((s) => [s.rank, { accuracy: round(s.accuracy), precision: round(s.precision), coverage: round(s.coverage), decision: round(s.decisionAccuracy), ece: calibration[s.rank] }])),
      };
      if (name === 'bundle') {
        const novelTruth = classification.reads.map((read) => !knownGenera.has(truth.get(read.queryId)![5]));
        const flagged = classification.reads.filter((read) => read.novel).length;
        const hit = classification.reads.filter((read, i) => read.novel && novelTruth[i]).length;
        bundleNovelty = { flagged, flaggedOfAbsentGenera: hit, precision: round(hit / Math.max(1, flagged)), recall: round(hit / Math.max(1, novelTruth.filter(Boolean).length)) };
      }
    }
    const heldOut = JSON.parse(await readFile(join(bundle, 'evaluation.json'), 'utf8')) as BundleEvaluation;
    return {
      queries: truth.size,
      trainSeconds: round(trained.seconds, 1),
      bundle: {
        records: trained.value.records,
        classes: Object.fromEntries(trained.value.ranks.map((r) => [r.rank, r.classes])),
        temperatures: Object.fromEntries(trained.value.ranks.map((r) => [r.rank, round(r.temperature)])),
        noveltyDistance: round(trained.value.noveltyDistance, 4),
        heldOut: {
          records: heldOut.heldOutRecords,
          ranks: Object.fromEntries(heldOut.ranks.map((r) => [r.rank, { accuracy: round(r.accuracy), precision: round(r.precision), recall: round(r.recall), f1: round(r.f1), ece: round(r.ece), absent: r.absentFromTraining }])),
        },
        novelty: bundleNovelty,
      },
      methods,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
