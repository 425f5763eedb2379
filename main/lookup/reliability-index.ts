import type { Metric } from './metric.ts';

/**
 * The reliability index of goPredSim / FANTASIA, turning a neighbour's distance into a score in (0, 1] where
 * higher means a more trustworthy transfer: cosine 1 - d (i.e. the cosine similarity), euclidean 0.5 / (0.5 + d).
 */
export function reliabilityIndex(distance: number, metric: Metric): number {
  return metric === 'cosine' ? 1 - distance : 0.5 / (0.5 + distance);
}
