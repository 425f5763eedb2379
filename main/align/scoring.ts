import { blosum62Matrix, dnaMatrix } from './substitution-matrix.ts';

export type Alphabet = 'dna' | 'protein';

/**
 * How an alignment is scored. `matrix` is 128 × 128, indexed by ASCII codes: score(a, b) = matrix[(a << 7) | b].
 * Gaps follow the BLAST convention: a gap of length L costs gapOpen + L × gapExtend, so a one-residue gap
 * costs gapOpen + gapExtend (12 for the protein defaults). Both penalties are non-negative costs.
 */
export interface Scoring {
  readonly matrix: Int8Array;
  readonly gapOpen: number;
  readonly gapExtend: number;
  /** Which seeds Aligner's band: 'auto' looks for (see findDiagonalBand); a scoring without one is seeded as protein. */
  readonly alphabet?: Alphabet;
}

/** Built once per alphabet: the matrices are immutable in use and 16 KiB each. */
const cache = new Map<Alphabet, Scoring>();

/** BLASTP defaults (BLOSUM62, open 11, extend 1) for proteins; BLASTN defaults (+2/-3, open 5, extend 2) for DNA. */
export function scoringFor(alphabet: Alphabet): Scoring {
  let scoring = cache.get(alphabet);
  if (!scoring) {
    scoring =
      alphabet === 'protein'
        ? { matrix: blosum62Matrix(), gapOpen: 11, gapExtend: 1, alphabet }
        : { matrix: dnaMatrix(2, -3), gapOpen: 5, gapExtend: 2, alphabet };
    cache.set(alphabet, scoring);
  }
  return scoring;
}
