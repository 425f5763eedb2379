import { encodeLetters, letterCodes } from './letter-codes.ts';

/**
 * Residues folded into 11 groups of mutually exchangeable amino acids (diamond's default reduction, after Murphy et
 * al. 2000): a seed over groups survives the conservative substitutions that dominate remote homologues (I↔V↔L,
 * K↔R, D↔E, S↔T↔A), which exact-residue words break. Anything outside the 20 standard residues (X, B, Z, U, *, …)
 * has no group and breaks every seed that covers it, so unknown stretches never seed hits.
 */
const GROUPS = ['KREDQN', 'C', 'G', 'H', 'ILV', 'M', 'F', 'Y', 'W', 'P', 'STA'];

/** Number of groups: the radix of a seed key. */
export const REDUCED_SIZE = GROUPS.length;

/** Group code of a residue that belongs to no group. */
export const NO_GROUP = 255;

const CODE = letterCodes(GROUPS, NO_GROUP);

/** Writes the group codes of `sequence` into `out` at `offset` (NO_GROUP for any other character). */
export function reduceInto(sequence: string, out: Uint8Array, offset: number): void {
  encodeLetters(CODE, NO_GROUP, sequence, out, offset);
}
