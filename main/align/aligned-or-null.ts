import { AlignmentError } from './align-error.ts';
import type { Aligner, AlignOptions } from './aligner.ts';
import type { AlignMode, AlignmentMetrics } from './alignment-metrics.ts';

/**
 * A pair's metrics, or null where the pair cannot be aligned (an empty sequence, as an HDF5 query without its
 * sequence has, or a pair over MAX_ALIGNMENT_CELLS): callers skip and count such pairs instead of failing a run.
 */
export function alignedOrNull(aligner: Aligner, query: string, target: string, mode: AlignMode, options: AlignOptions): AlignmentMetrics | null {
  if (query.length === 0 || target.length === 0) return null;
  try {
    return aligner.align(query, target, mode, options);
  } catch (error) {
    if (error instanceof AlignmentError) return null;
    throw error;
  }
}
