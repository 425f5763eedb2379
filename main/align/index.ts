/** Pairwise protein and DNA alignment (Gotoh global / local) reporting BLAST-style identity and coverage. */
export { AlignmentError, MAX_ALIGNMENT_CELLS, type AlignmentErrorCode } from './align-error.ts';
export { Aligner, alignPair } from './aligner.ts';
export type { AlignMode, AlignmentMetrics } from './alignment-metrics.ts';
export { scoringFor, type Alphabet, type Scoring } from './scoring.ts';
