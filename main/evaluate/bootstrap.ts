import { mulberry32 } from '../../native/onnx/seeded-random.ts';

/** The seed `evaluate go` and `evaluate taxonomy` resample with, so the same files always give the same intervals. */
export const EVALUATION_SEED = 20_261_123;

export interface BootstrapOptions {
  /** Resamples of the items (with replacement); CAFA uses 10,000, 1,000 is enough for a 95% interval's ends. */
  replicates: number;
  seed: number;
}

/** A two-sided 95% percentile interval. */
export interface Interval {
  low: number;
  high: number;
}

/**
 * A statistic of `replicates` resamples of n items: each draws n item indices with replacement from the seeded
 * generator, so the same seed gives the same draws, and two statistics replicated with one seed are paired.
 */
export function bootstrapReplicates(n: number, options: BootstrapOptions, statistic: (order: Int32Array) => number): Float64Array {
  const random = mulberry32(options.seed);
  const order = new Int32Array(n);
  const values = new Float64Array(options.replicates);
  for (let r = 0; r < options.replicates; r++) {
    for (let i = 0; i < n; i++) order[i] = Math.floor(random() * n);
    values[r] = statistic(order);
  }
  return values;
}

/** The 2.5th and 97.5th percentiles of bootstrap replicates (NaN replicates, where the statistic is undefined, left out). */
export function percentile95(values: Float64Array): Interval {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort();
  if (sorted.length === 0) return { low: Number.NaN, high: Number.NaN };
  const at = (q: number) => sorted[Math.round(q * (sorted.length - 1))]!;
  return { low: at(0.025), high: at(0.975) };
}
