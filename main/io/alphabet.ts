import type { Alphabet } from './seq-record.ts';

/** IUPAC nucleotide codes (and U); gaps are not sequence. */
const DNA_ILLEGAL = /[^ACGTURYSWKMBDHVN]/i;
const DNA_ILLEGAL_GAPS_ALLOWED = /[^ACGTURYSWKMBDHVN.-]/i;
/** The 20 amino acids, B/Z/J ambiguity, X unknown, U selenocysteine, O pyrrolysine. */
const PROTEIN_ILLEGAL = /[^ACDEFGHIKLMNPQRSTVWYBZJXUO]/i;
const PROTEIN_ILLEGAL_GAPS_ALLOWED = /[^ACDEFGHIKLMNPQRSTVWYBZJXUO.-]/i;
/** Alignment gaps, accepted and removed only when the caller allows them. */
export const GAPS = /[.-]/g;

/**
 * DNA when at least 90% of letters are A, C, G, T, U or N (proteins have about 30%) and every letter is a
 * nucleotide code. Meant for one sequence; sniffFile votes over records so one odd record cannot flip a file.
 */
export function guessAlphabet(residues: string): Alphabet {
  const letters = residues.replace(/[^A-Za-z]/g, '');
  if (letters.length === 0) return 'dna';
  if (DNA_ILLEGAL.test(letters)) return 'protein';
  return nucleotideFraction(letters) >= 0.9 ? 'dna' : 'protein';
}

/** Share of A, C, G, T, U, N among the letters: near 1 for nucleotides, about 0.3 for proteins. */
export function nucleotideFraction(residues: string): number {
  const letters = residues.replace(/[^A-Za-z]/g, '').length;
  return letters === 0 ? 0 : residues.replace(/[^ACGTUNacgtun]/g, '').length / letters;
}

/**
 * 0-based index of the first character not allowed in `alphabet`, or -1. A protein's final stop `*` is allowed;
 * so are gaps (`-`, `.`) when `allowGaps` is set. One regex over the whole sequence, no per-character loop.
 */
export function firstIllegalCharacter(sequence: string, alphabet: Alphabet, allowGaps = false): number {
  const illegal = alphabet === 'dna'
    ? (allowGaps ? DNA_ILLEGAL_GAPS_ALLOWED : DNA_ILLEGAL)
    : (allowGaps ? PROTEIN_ILLEGAL_GAPS_ALLOWED : PROTEIN_ILLEGAL);
  const match = illegal.exec(sequence);
  if (!match) return -1;
  const finalStop = alphabet === 'protein' && match.index === sequence.length - 1 && match[0] === '*';
  return finalStop ? -1 : match.index;
}

/**
 * Upper case; DNA `U` → `T` (RNA reads embed like DNA); protein: a final stop `*` is dropped. Gaps, if the
 * sequence was validated with them allowed, are removed by the caller (FASTQ must drop their qualities too).
 */
export function normalizeSequence(sequence: string, alphabet: Alphabet): string {
  const upper = sequence.toUpperCase();
  if (alphabet === 'dna') return upper.includes('U') ? upper.replace(/U/g, 'T') : upper;
  return upper.endsWith('*') ? upper.slice(0, -1) : upper;
}
