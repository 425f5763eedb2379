import { resolve } from 'node:path';
import { z } from 'zod';
import { parseRequest } from '../api/parse-request.ts';
import type { ReadAssignment } from '../classify/read-assignment.ts';
import { readAssignments } from './assignments-tsv.ts';
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
  const classification = await readAssignments(request.assignments);
  const truth = await readLineageFile(request.truth);
  const { ranks } = classification;
  const known: KnownTaxa | undefined = request.referenceTaxa
    ? await knownTaxaFromFile(request.referenceTaxa, ranks)
    : request.store && request.reference
      ? await knownTaxaFromStore(request.store, request.reference, ranks)
      : undefined;
  const byId = new Map(classification.reads.map((read) => [read.queryId, read]));
  const pairs = [...truth].map(([id, names]) => ({ names, read: byId.get(id) }));

  const scores = ranks.map((rank, r): RankScore => {
    let reads = 0;
    let assigned = 0;
    let correct = 0;
    let absent = 0;
    let rightDecisions = 0;
    for (const { names, read } of pairs) {
      const name = names[r];
      if (!name) continue;
      reads += 1;
      const call = callAt(read, r);
      const isAbsent = known !== undefined && !known[r]!.has(name);
      if (isAbsent) absent += 1;
      if (call !== undefined) assigned += 1;
      if (call === name) correct += 1;
      if (call === name || (call === undefined && isAbsent)) rightDecisions += 1;
    }
    return {
      rank, reads, assigned, correct,
      accuracy: ratio(correct, reads),
      precision: assigned > 0 ? correct / assigned : null,
      coverage: ratio(assigned, reads),
      absentFromReference: known ? absent : null,
      decisionAccuracy: known ? ratio(rightDecisions, reads) : null,
    };
  });
  return {
    assignments: resolve(request.assignments),
    truth: resolve(request.truth),
    reads: truth.size,
    missingFromAssignments: pairs.filter((pair) => pair.read === undefined).length,
    notInTruth: classification.reads.filter((read) => !truth.has(read.queryId)).length,
    ranks: scores.filter((score) => score.reads > 0),
  };
}

const callAt = (read: ReadAssignment | undefined, r: number): string | undefined => (read && read.assignedRanks > r ? read.calls[r]!.name : undefined);
const ratio = (part: number, whole: number): number => (whole > 0 ? part / whole : 0);
