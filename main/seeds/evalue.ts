/**
 * Karlin-Altschul statistics of gapped BLOSUM62 alignments with gaps 11/1 (the aligner's protein scoring): the
 * λ and K that BLAST tabulates for that scheme. They turn a Smith-Waterman score into the number of chance
 * alignments that good expected in a search of the whole reference, which is what separates a homologue from the
 * short, high-identity local alignments that any two unrelated proteins have.
 */
const LAMBDA = 0.267;
const K = 0.041;

/** Expected chance alignments scoring at least `score` between a query of `queryLength` and `referenceResidues`. */
export function evalue(score: number, queryLength: number, referenceResidues: number): number {
  return K * queryLength * referenceResidues * Math.exp(-LAMBDA * score);
}
