import { bootstrapReplicates, percentile95, type BootstrapOptions, type Interval } from './bootstrap.ts';
import { fmaxOf, type ProteinCounts } from './fmax-sweep.ts';

function* resample(proteins: readonly ProteinCounts[], order: Int32Array): Generator<ProteinCounts> {
  for (const i of order) yield proteins[i]!;
}

/** Fmax of each resample of the proteins. */
const resampledFmax = (proteins: readonly ProteinCounts[], options: BootstrapOptions): Float64Array =>
  bootstrapReplicates(proteins.length, options, (order) => fmaxOf(resample(proteins, order)).fmax);

/** 95% bootstrap interval of Fmax over the proteins (how much it could move with another sample of queries). */
export function fmaxInterval(proteins: readonly ProteinCounts[], options: BootstrapOptions): Interval {
  return percentile95(resampledFmax(proteins, options));
}

export interface FmaxDifference {
  /** Fmax of A minus Fmax of B on all proteins. */
  difference: number;
  /** 95% interval of the difference over paired resamples (both methods scored on the same draw of proteins). */
  interval: Interval;
  /** Share of resamples in which A's Fmax is at least B's. */
  shareAtLeast: number;
}

/**
 * Paired bootstrap of two methods' Fmax on the same truth: each resample draws proteins once and scores both, so
 * the interval reflects how the methods differ, not how hard the drawn proteins are.
 */
export function fmaxDifference(a: readonly ProteinCounts[], b: readonly ProteinCounts[], options: BootstrapOptions): FmaxDifference {
  if (a.length !== b.length || a.some((p, i) => p.truthSize !== b[i]!.truthSize)) {
    throw new Error('fmaxDifference needs both methods counted on the same truth proteins in the same order');
  }
  const fa = resampledFmax(a, options);
  const fb = resampledFmax(b, options);
  const differences = fa.map((value, r) => value - fb[r]!);
  return {
    difference: fmaxOf(a).fmax - fmaxOf(b).fmax,
    interval: percentile95(differences),
    shareAtLeast: differences.filter((d) => d >= 0).length / differences.length,
  };
}
