import type { KnnHit } from '../lookup/index.ts';
import { fitLogisticCv, type LogisticModel } from './logistic-calibrator.ts';
import { neighbourWeights, rankEvidence } from './rank-evidence.ts';
import { calibrationFeatures, type TaxonomyModel } from './taxonomy-model.ts';
import type { TaxonPaths } from './taxon-paths.ts';

/** Leave-one-out neighbours of sampled references: `hits[i]` are the neighbours of reference `sample[i]`, itself excluded. */
export interface LeaveOneOut {
  sample: Int32Array;
  hits: KnnHit[][];
  /** Leave-taxon-out queries of ranks that need them (see absentTaxonRanks): every call at `rank` is wrong. */
  absent?: AbsentTaxonQueries[];
}

/** `hits[i]`: neighbours of reference `sample[i]` with every reference of its taxon at `rank` excluded. */
export interface AbsentTaxonQueries {
  rank: number;
  sample: Int32Array;
  hits: KnnHit[][];
}

export interface FitOptions {
  /** Candidate voter counts; with the bandwidth, the pair naming most leave-one-out calls right is kept. */
  kChoices: readonly number[];
  /** Candidate kernel bandwidths (in distance units). */
  bandwidthChoices: readonly number[];
}

export const DEFAULT_FIT: FitOptions = { kChoices: [1, 3, 5, 10, 20], bandwidthChoices: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 1] };

/** Ridge penalties the calibration's cross-validation chooses from (per rank). */
const RIDGES = [1e-3, 1e-2, 3e-2, 1e-1, 3e-1, 1];

/** Neighbours every read is compared with (voters plus rivals); the largest k a fit may choose. */
export const CONTEXT_NEIGHBOURS = 20;

/** A vote share of 1 (every neighbour agrees), as the calibration features see it. */
const UNANIMOUS_LOGIT = Math.log(0.999 / 0.001);

/** Examples per rank: features and whether the leave-one-out call was right. */
interface RankExamples {
  rows: number[][];
  outcomes: boolean[];
}

function collectExamples(paths: TaxonPaths, loo: LeaveOneOut, k: number, bandwidth: number, radii: readonly Float64Array[]): RankExamples[] {
  const examples: RankExamples[] = paths.ranks.map(() => ({ rows: [], outcomes: [] }));
  loo.hits.forEach((allHits, i) => {
    const self = loo.sample[i]!;
    const hits = allHits.slice(0, CONTEXT_NEIGHBOURS);
    const evidence = rankEvidence(paths, hits, neighbourWeights(hits, k, bandwidth));
    for (let r = 0; r < paths.ranks.length; r += 1) {
      const truth = paths.codes[r]![self]!;
      // A reference unlabelled at this rank cannot score a call there.
      if (truth < 0) continue;
      const e = evidence[r];
      // No call at all (no labelled neighbour left): nothing to calibrate, the read stays unassigned.
      if (!e) continue;
      examples[r]!.rows.push(calibrationFeatures(e, radii[r]![e.code]!));
      examples[r]!.outcomes.push(e.code === truth);
    }
  });
  for (const { rank, hits: absentHits } of loo.absent ?? []) {
    for (const allHits of absentHits) {
      const hits = allHits.slice(0, CONTEXT_NEIGHBOURS);
      const e = rankEvidence(paths, hits, neighbourWeights(hits, k, bandwidth))[rank];
      if (!e) continue;
      examples[rank]!.rows.push(calibrationFeatures(e, radii[rank]![e.code]!));
      examples[rank]!.outcomes.push(false);
    }
  }
  return examples;
}

/** Wrong (or right) calls needed per calibration feature: the usual events-per-variable rule for logistic regression. */
const EVENTS_PER_FEATURE = 10;

export function absentTaxonRanks(paths: TaxonPaths, sample: Int32Array): { rank: number; queries: number }[] {
  return paths.codes.flatMap((codes, rank) => {
    const members = new Map<number, number>();
    for (const code of codes) if (code >= 0) members.set(code, (members.get(code) ?? 0) + 1);
    const alone = [...sample].filter((ref) => members.get(codes[ref]!) === 1).length;
    // Only topped up to the minimum: more would tell the calibration that absent taxa are commoner than the reference suggests.
    return members.size >= 2 && alone < EVENTS_PER_FEATURE ? [{ rank, queries: EVENTS_PER_FEATURE - alone }] : [];
  });
}

/**
 * A rank's calibrator. At high ranks wrong calls are rare (a few dozen among thousands), and a fit with every
 * feature bends around those few; so a rank gets only as many features, in order of how telling they are, as it
 * has ten examples of its rarer outcome per feature (at least the distance).
 */
function fitCalibrator(examples: RankExamples): LogisticModel {
  const wrong = examples.outcomes.filter((right) => !right).length;
  const rarer = Math.min(wrong, examples.outcomes.length - wrong);
  const width = Math.max(1, Math.min(examples.rows[0]?.length ?? 1, Math.floor(rarer / EVENTS_PER_FEATURE)));
  const rows = examples.rows.map((row) => row.slice(0, width));
  return fitLogisticCv(rows, examples.outcomes, RIDGES);
}

/** Distance at which a unanimous vote becomes a coin flip under the rank's calibration (Infinity if it never does). */
function coinFlipDistance(model: LogisticModel): number {
  const [w0, wDistance, wShare = 0] = model.weights as [number, number, number?];
  if (!(wDistance < 0)) return Number.POSITIVE_INFINITY;
  return Math.max(0, -(w0 + wShare * UNANIMOUS_LOGIT) / wDistance);
}

const median = (values: number[]): number => {
  values.sort((a, b) => a - b);
  return values[Math.floor((values.length - 1) / 2)]!;
};

/**
 * Per rank and taxon: the median distance from a sampled member to its nearest fellow member among its
 * neighbours. Taxa with no such pair (one reference, or members too far apart to meet in the neighbourhood)
 * get the rank's median over all taxa, the best guess the reference allows.
 */
function taxonRadii(paths: TaxonPaths, loo: LeaveOneOut): Float64Array[] {
  return paths.codes.map((codes, r) => {
    const distances = new Map<number, number[]>();
    loo.hits.forEach((hits, i) => {
      const code = codes[loo.sample[i]!]!;
      if (code < 0) return;
      const fellow = hits.find((hit) => codes[hit.index] === code);
      if (fellow) distances.set(code, [...(distances.get(code) ?? []), fellow.distance]);
    });
    const perTaxon = new Map([...distances].map(([code, list]) => [code, median(list)]));
    const fallback = perTaxon.size > 0 ? median([...perTaxon.values()]) : 0;
    return Float64Array.from(paths.names[r]!, (_, code) => perTaxon.get(code) ?? fallback);
  });
}

/**
 * How good a (k, bandwidth) is at naming: right leave-one-out calls at the lowest rank, where naming is hardest
 * and most wanted, with the ranks above as a small tie-breaker.
 */
function accuracy(examples: readonly RankExamples[]): number {
  const rates = examples.map((e) => e.outcomes.filter(Boolean).length / Math.max(1, e.outcomes.length));
  return rates[rates.length - 1]! + 1e-3 * rates.reduce((sum, rate) => sum + rate, 0);
}

/**
 * Fits the classifier on the reference alone, in two steps. The vote (k, bandwidth) is chosen for the most right
 * leave-one-out calls over all ranks, because with no threshold the call itself is all a user gets; then a
 * calibrator per rank is fitted to those calls' right/wrong outcomes. Leave-one-out is what a query looks like
 * to the reference: a sequence of a known taxon with its own record missing or, for a taxon with one reference,
 * a member of a taxon the reference does not have, so the calibration learns both.
 */
export function fitTaxonomyModel(paths: TaxonPaths, loo: LeaveOneOut, options: FitOptions = DEFAULT_FIT): TaxonomyModel {
  const radii = taxonRadii(paths, loo);
  let best: { k: number; bandwidth: number; examples: RankExamples[]; score: number } | undefined;
  for (const k of options.kChoices) {
    // With one voter every weighting is the same.
    for (const bandwidth of k === 1 ? [1] : options.bandwidthChoices) {
      const examples = collectExamples(paths, loo, k, bandwidth, radii);
      const score = accuracy(examples);
      // Strictly better only: among equals the smaller k (listed first) and sharper kernel win.
      if (!best || score > best.score + 1e-9) best = { k, bandwidth, examples, score };
    }
  }
  const { k, bandwidth, examples } = best!;
  const calibrators = examples.map(fitCalibrator);
  const thresholds = calibrators.map(coinFlipDistance);
  return { neighbours: CONTEXT_NEIGHBOURS, k, bandwidth, ranks: paths.ranks, calibrators, thresholds, radii, noveltyDistance: noveltyDistance(paths, loo, thresholds) };
}
/** Share of reads of known lowest-rank taxa that may be flagged novel. */
const NOVELTY_FALSE_ALARMS = 0.05;

/**
 * The novelty distance: the 95th percentile, over references whose lowest-rank taxon has other members, of the
 * distance to the nearest other reference. A read beyond it is farther from everything than 95% of members of
 * known taxa are; so about one read in twenty of a known taxon is flagged, and most reads of unknown ones are.
 */
function noveltyDistance(paths: TaxonPaths, loo: LeaveOneOut, thresholds: readonly number[]): number {
  const lowest = paths.codes.length - 1;
  const members = new Map<number, number>();
  for (const code of paths.codes[lowest]!) if (code >= 0) members.set(code, (members.get(code) ?? 0) + 1);
  const distances: number[] = [];
  loo.hits.forEach((hits, i) => {
    const code = paths.codes[lowest]![loo.sample[i]!]!;
    if (code >= 0 && (members.get(code) ?? 0) > 1 && hits[0]) distances.push(hits[0].distance);
  });
  if (distances.length === 0) return thresholds[lowest] ?? Number.POSITIVE_INFINITY;
  distances.sort((a, b) => a - b);
  return distances[Math.min(distances.length - 1, Math.floor((1 - NOVELTY_FALSE_ALARMS) * distances.length))]!;
}
