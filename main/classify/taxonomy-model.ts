import type { KnnHit } from '../lookup/index.ts';
import { predictLogistic, type LogisticModel } from './logistic-calibrator.ts';
import { neighbourWeights, rankEvidence, type RankEvidence } from './rank-evidence.ts';
import type { RankCall } from './read-assignment.ts';
import type { TaxonPaths } from './taxon-paths.ts';

/**
 * Everything the k-NN consensus classifier learned from a reference set by leave-one-out: how many neighbours
 * and how to weight them, a calibration per rank, and per-rank distance thresholds.
 */
export interface TaxonomyModel {
  /** Neighbours fetched per read: the voters and, beyond them, the rivals the margin is measured against. */
  neighbours: number;
  /** Neighbours that vote. */
  k: number;
  bandwidth: number;
  ranks: string[];
  /** Per rank: P(call right | vote share, distance to the winner's nearest member). */
  calibrators: LogisticModel[];
  /**
   * Per rank: beyond this distance to its nearest member a taxon is not given (confidence 0 at that rank and
   * below): the distance at which even a unanimous vote is right less than half the time in leave-one-out.
   */
  thresholds: number[];
  /**
   * Per rank and taxon code: the typical distance between a member and its nearest fellow member (median over
   * members, leave-one-out), so that a read as far from a tight genus as from a diverse one is judged apart.
   */
  radii: Float64Array[];
  /** Distance to the nearest reference above which a read is farther than reads of known taxa usually are. */
  noveltyDistance: number;
}

const clip = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/**
 * Calibration features of one rank's evidence, most telling first: a calibrator fitted on few wrong calls uses
 * only a prefix of them (see fit-taxonomy-model.ts).
 */
export function calibrationFeatures(evidence: RankEvidence, radius: number): number[] {
  const share = clip(evidence.share, 1e-3, 1 - 1e-3);
  return [evidence.nearest, Math.log(share / (1 - share)), Math.log((evidence.nearest + 1e-4) / (radius + 1e-4)), evidence.margin, evidence.contextShare];
}

/** Calibrated rank calls of one read from its `model.neighbours` nearest references (nearest first); confidence never rises down the ranks. */
export function callRanks(model: TaxonomyModel, paths: TaxonPaths, hits: readonly KnnHit[]): RankCall[] {
  const context = hits.slice(0, model.neighbours);
  const evidence = rankEvidence(paths, context, neighbourWeights(context, model.k, model.bandwidth));
  const calls: RankCall[] = [];
  let ceiling = 1;
  evidence.forEach((e, r) => {
    const calibrated = e.nearest > model.thresholds[r]! ? 0 : predictLogistic(model.calibrators[r]!, calibrationFeatures(e, model.radii[r]![e.code]!).slice(0, model.calibrators[r]!.weights.length - 1));
    ceiling = Math.min(ceiling, calibrated);
    calls.push({ rank: paths.ranks[r]!, name: paths.names[r]![e.code]!, confidence: ceiling });
  });
  return calls;
}
