import type { Alphabet } from './seq-record.ts';

/** IUPAC nucleotide codes (and U); gaps are not sequence. */
const DNA_ILLEGAL = /[^ACGTURYSWKMBDHVN]/i;
/** The 20 amino acids, B/Z/J ambiguity, X unknown, U selenocysteine, O pyrrolysine. */
const PROTEIN_ILLEGAL = /[^ACDEFGHIKLMNPQRSTVWYBZJXUO]/i;

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

/** 0-based index of the first character not allowed in `alphabet`, or -1 (a protein's final stop `*` is allowed). */
export function firstIllegalCharacter(sequence: string, alphabet: Alphabet): number {
  const match = (alphabet === 'dna' ? DNA_ILLEGAL : PROTEIN_ILLEGAL).exec(sequence);
  if (!match) return -1;
  const finalStop = alphabet === 'protein' && match.index === sequence.length - 1 && match[0] === '*';
  return finalStop ? -1 : match.index;
}

/** Upper case; DNA `U` → `T` (RNA reads embed like DNA); protein: a final stop `*` is dropped. */
export function normalizeSequence(sequence: string, alphabet: Alphabet): string {
  const upper = sequence.toUpperCase();
  if (alphabet === 'dna') return upper.includes('U') ? upper.replace(/U/g, 'T') : upper;
  return upper.endsWith('*') ? upper.slice(0, -1) : upper;
}
