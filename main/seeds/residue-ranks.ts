import { blosum62Matrix } from '../align/substitution-matrix.ts';
import { encodeLetters, letterCodes } from './letter-codes.ts';

/** The 20 standard residues; a residue's rank is its index here, anything else ranks as UNKNOWN_RANK. */
const STANDARD = 'ARNDCQEGHILKMFPSTWYV';

/** Rank of X, B, Z, U, * and every other non-standard character: BLOSUM62 scores it as X. */
export const UNKNOWN_RANK = 20;

/** Bits per rank when ranks are packed several to an integer (2^5 > 21 ranks). */
export const RANK_BITS = 5;

const RANK = letterCodes([...STANDARD], UNKNOWN_RANK);

/**
 * BLOSUM62 between ranks: score(a, b) = RANK_SCORES[(a << RANK_BITS) | b]. 32 × 32 bytes instead of the aligner's
 * 128 × 128 keeps the table in L1 cache during ungapped extension, which looks it up once per residue pair.
 */
export const RANK_SCORES = (() => {
  const ascii = blosum62Matrix();
  const letters = [...STANDARD, 'X'].map((c) => c.charCodeAt(0));
  const table = new Int8Array(1 << (2 * RANK_BITS));
  letters.forEach((a, i) => letters.forEach((b, j) => (table[(i << RANK_BITS) | j] = ascii[(a << 7) | b]!)));
  return table;
})();

/** Writes the ranks of `sequence` into `out` at `offset`. */
export function rankInto(sequence: string, out: Uint8Array, offset: number): void {
  encodeLetters(RANK, UNKNOWN_RANK, sequence, out, offset);
}
