/**
 * Pairwise protein and DNA alignment (Gotoh global / local) reporting BLAST-style identity and coverage, over the
 * full matrix or a k-mer-seeded diagonal band.
 */
export { AlignmentError, MAX_ALIGNMENT_CELLS, type AlignmentErrorCode } from './align-error.ts';
export { Aligner, alignPair, type AlignOptions } from './aligner.ts';
export { alignedOrNull } from './aligned-or-null.ts';
export { AlignmentPool } from './alignment-pool.ts';
export type { AlignedMatches } from './aligned-matches.ts';
export type { DiagonalBand } from './band.ts';
export { findDiagonalBand, type DiagonalBandOptions } from './diagonal-band.ts';
export type { AlignMode, AlignmentMetrics } from './alignment-metrics.ts';
export { scoringFor, type Alphabet, type Scoring } from './scoring.ts';
