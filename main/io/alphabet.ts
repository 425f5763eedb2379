import type { Alphabet } from './seq-record.ts';

/** IUPAC nucleotide codes (and U); gaps are not sequence. */
const DNA_ILLEGAL = /[^ACGTURYSWKMBDHVN]/i;
/** The 20 amino acids, B/Z/J ambiguity, X unknown, U selenocysteine, O pyrrolysine. */
const PROTEIN_ILLEGAL = /[^ACDEFGHIKLMNPQRSTVWYBZJXUO]/i;

/**
 * DNA when at least 90% of letters are A, C, G, T, U or N (proteins have about 30%). A few bad records among the
 * sampled ones must not flip a file's alphabet: they are rejected one by one later.
 */
export function guessAlphabet(residues: string): Alphabet {
  const letters = residues.replace(/[^A-Za-z]/g, '');
  if (letters.length === 0) return 'dna';
  const core = letters.replace(/[^ACGTUNacgtun]/g, '').length;
  return core / letters.length >= 0.9 ? 'dna' : 'protein';
}

/** 0-based index of the first character not allowed in `alphabet`, or -1. */
export function firstIllegalCharacter(sequence: string, alphabet: Alphabet): number {
  const match = (alphabet === 'dna' ? DNA_ILLEGAL : PROTEIN_ILLEGAL).exec(sequence);
  return match ? match.index : -1;
}

/** Upper case; DNA `U` → `T` (RNA reads embed like DNA); protein: a final stop `*` is dropped. */
export function normalizeSequence(sequence: string, alphabet: Alphabet): string {
  const upper = sequence.toUpperCase();
  if (alphabet === 'dna') return upper.includes('U') ? upper.replace(/U/g, 'T') : upper;
  return upper.endsWith('*') ? upper.slice(0, -1) : upper;
}
