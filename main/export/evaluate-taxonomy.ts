import { resolve } from 'node:path';
import { z } from 'zod';
import { parseRequest } from '../api/parse-request.ts';
import type { ReadAssignment } from '../classify/read-assignment.ts';
import { bootstrapReplicates, EVALUATION_SEED, percentile95, type BootstrapOptions, type Interval } from '../evaluate/bootstrap.ts';
import { readAssignments } from './assignments-tsv.ts';
import { distinctReads } from './distinct-reads.ts';
import { knownTaxaFromFile, knownTaxaFromStore, type KnownTaxa } from './known-taxa.ts';
import { readLineageFile } from './lineage-file.ts';

export const EvaluateTaxonomyRequest = z
  .object({
    /** An assignments.tsv. */
    assignments: z.string().min(1),
    /** `id<TAB>lineage` with the true names root first; positions match the run's ranks from the top. */
    truth: z.string().min(1),
    /** The reference's taxa, as a lineage file like the truth (for decision accuracy). */
    referenceTaxa: z.string().min(1).optional(),
    /** Or the reference set in a store that the run used. */
    store: z.string().min(1).optional(),
    reference: z.string().min(1).optional(),
    /** Bootstrap resamples of the reads for 95% intervals of each rank's scores (0: none); seeded, so reruns agree. */
    bootstrap: z.number().int().min(0).max(100_000).default(0),
  })
  .strict()
  .refine((r) => (r.store === undefined) === (r.reference === undefined), { message: 'store and reference go together', path: ['reference'] })
  .refine((r) => r.referenceTaxa === undefined || r.reference === undefined, { message: 'give referenceTaxa or store and reference, not both', path: ['referenceTaxa'] });
export type EvaluateTaxonomyRequest = z.input<typeof EvaluateTaxonomyRequest>;

export interface RankScore {
  rank: string;
  /** Truth records with a name at this rank: the denominator of accuracy, coverage and decision accuracy. */
  reads: number;
  assigned: number;
  correct: number;
  /** Right calls over all reads (a missing call counts as wrong). */
  accuracy: number;
  /** Right calls over assigned calls; null when nothing was assigned. */
  precision: number | null;
  /** Share of reads assigned at this rank. */
  coverage: number;
  /** Reads whose true taxon at this rank is not in the reference; null without the reference's taxa. */
  absentFromReference: number | null;
  /**
   * Right decisions over all reads: a right call, or no call where the true taxon is absent from the reference
   * (declining to name a taxon the reference cannot name is the right decision). Null without the reference's taxa.
   */
  decisionAccuracy: number | null;
  /** 95% bootstrap intervals over resampled reads, when asked for (precision's leaves out resamples with no call). */
  intervals?: { accuracy: Interval; precision: Interval; decisionAccuracy: Interval | null };
}

export interface EvaluateTaxonomyResult {
  assignments: string;
  truth: string;
  /** Records in the truth file; each is scored, those missing from the assignments as unassigned. */
  reads: number;
  missingFromAssignments: number;
  /** Assigned records the truth does not know, which are left out. */
  notInTruth: number;
  ranks: RankScore[];
}

/**
 * Per-rank accuracy, precision, coverage and decision accuracy of a classification against known lineages. Every
 * record counts once, whatever its abundance: this measures the classifier, not a community.
 */
export async function evaluateTaxonomy(input: unknown): Promise<EvaluateTaxonomyResult> {
  const request = parseRequest(EvaluateTaxonomyRequest, input, 'evaluate taxonomy');
  const read = await readOutcomes(request);
  const bootstrap = request.bootstrap > 0 ? { replicates: request.bootstrap, seed: EVALUATION_SEED } : undefined;
  const scores = read.ranks.map((rank, r) => scoreRank(rank, read.outcomes[r]!, bootstrap));
  return {
    assignments: resolve(request.assignments),
    truth: resolve(request.truth),
    reads: read.reads,
    missingFromAssignments: read.missingFromAssignments,
    notInTruth: read.notInTruth,
    ranks: scores.filter((score) => score.reads > 0),
  };
}

/**
 * One rank's per-read outcomes of a classification (the truth's reads in file order), for comparing two
 * classifications of the same truth on the same bootstrap resamples (countOutcomes, OUTCOME_SCORES).
 */
export async function rankOutcomesOf(input: unknown, rank: string): Promise<RankOutcomes> {
  const read = await readOutcomes(parseRequest(EvaluateTaxonomyRequest, input, 'evaluate taxonomy'));
  const r = read.ranks.indexOf(rank);
  if (r < 0) throw new RangeError(`evaluate taxonomy: the assignments have no rank "${rank}" (they have ${read.ranks.join(', ')})`);
  return read.outcomes[r]!;
}

async function readOutcomes(request: z.output<typeof EvaluateTaxonomyRequest>) {
  const classification = await readAssignments(request.assignments);
  const truth = await readLineageFile(request.truth);
  const { ranks } = classification;
  const known: KnownTaxa | undefined = request.referenceTaxa
    ? await knownTaxaFromFile(request.referenceTaxa, ranks)
    : request.store && request.reference
      ? await knownTaxaFromStore(request.store, request.reference, ranks)
      : undefined;
  const reads = distinctReads(classification);
  const byId = new Map(reads.map((read) => [read.queryId, read]));
  const pairs = [...truth].map(([id, names]) => ({ names, read: byId.get(id) }));
  return {
    ranks,
    outcomes: ranks.map((_, r) => rankOutcomes(pairs, r, known)),
    reads: truth.size,
    missingFromAssignments: pairs.filter((pair) => pair.read === undefined).length,
    notInTruth: reads.filter((read) => !truth.has(read.queryId)).length,
  };
}

/** What happened to each read that has a true name at one rank (1 = yes), and whether the reference's taxa are known. */
export interface RankOutcomes {
  assigned: Uint8Array;
  correct: Uint8Array;
  absent: Uint8Array;
  /** A right call, or no call where the true taxon is absent from the reference. */
  rightDecision: Uint8Array;
  knownTaxa: boolean;
}

function rankOutcomes(pairs: readonly { names: string[]; read: ReadAssignment | undefined }[], r: number, known: KnownTaxa | undefined): RankOutcomes {
  const scored = pairs.filter(({ names }) => Boolean(names[r]));
  const outcomes: RankOutcomes = {
    assigned: new Uint8Array(scored.length), correct: new Uint8Array(scored.length), absent: new Uint8Array(scored.length),
    rightDecision: new Uint8Array(scored.length), knownTaxa: known !== undefined,
  };
  scored.forEach(({ names, read }, i) => {
    const name = names[r]!;
    const call = callAt(read, r);
    const isAbsent = known !== undefined && !known[r]!.has(name);
    outcomes.assigned[i] = call !== undefined ? 1 : 0;
    outcomes.correct[i] = call === name ? 1 : 0;
    outcomes.absent[i] = isAbsent ? 1 : 0;
    outcomes.rightDecision[i] = call === name || (call === undefined && isAbsent) ? 1 : 0;
  });
  return outcomes;
}

export type OutcomeCounts = ReturnType<typeof countOutcomes>;

/** Counts over the reads `order` lists (a bootstrap resample), or over every read once. */
export function countOutcomes(o: RankOutcomes, order?: Int32Array) {
  const n = order ? order.length : o.assigned.length;
  let assigned = 0;
  let correct = 0;
  let absent = 0;
  let rightDecisions = 0;
  for (let j = 0; j < n; j++) {
    const i = order ? order[j]! : j;
    assigned += o.assigned[i]!;
    correct += o.correct[i]!;
    absent += o.absent[i]!;
    rightDecisions += o.rightDecision[i]!;
  }
  return { reads: n, assigned, correct, absent, rightDecisions };
}

/** The resampled scores (precision is NaN where a resample has no call: percentile95 leaves it out). */
export const OUTCOME_SCORES = {
  accuracy: (c: OutcomeCounts) => c.correct / c.reads,
  precision: (c: OutcomeCounts) => (c.assigned > 0 ? c.correct / c.assigned : Number.NaN),
  decisionAccuracy: (c: OutcomeCounts) => c.rightDecisions / c.reads,
};

function scoreRank(rank: string, o: RankOutcomes, bootstrap: BootstrapOptions | undefined): RankScore {
  const { reads, assigned, correct, absent, rightDecisions } = countOutcomes(o);
  const score: RankScore = {
    rank, reads, assigned, correct,
    accuracy: ratio(correct, reads),
    precision: assigned > 0 ? correct / assigned : null,
    coverage: ratio(assigned, reads),
    absentFromReference: o.knownTaxa ? absent : null,
    decisionAccuracy: o.knownTaxa ? ratio(rightDecisions, reads) : null,
  };
  if (bootstrap && reads > 0) {
    // One seed for the three: each resample scores the same reads.
    const interval = (statistic: (c: OutcomeCounts) => number) =>
      percentile95(bootstrapReplicates(reads, bootstrap, (order) => statistic(countOutcomes(o, order))));
    score.intervals = {
      accuracy: interval(OUTCOME_SCORES.accuracy),
      precision: interval(OUTCOME_SCORES.precision),
      decisionAccuracy: o.knownTaxa ? interval(OUTCOME_SCORES.decisionAccuracy) : null,
    };
  }
  return score;
}

const callAt = (read: ReadAssignment | undefined, r: number): string | undefined => (read && read.assignedRanks > r ? read.calls[r]!.name : undefined);
const ratio = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);
