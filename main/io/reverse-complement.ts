/** IUPAC complement (an ambiguity code's complement is the code of the complemented bases: R = A/G ↔ Y = C/T). */
export const COMPLEMENT: Record<string, string> = { A: 'T', C: 'G', G: 'C', T: 'A', R: 'Y', Y: 'R', S: 'S', W: 'W', K: 'M', M: 'K', B: 'V', V: 'B', D: 'H', H: 'D', N: 'N' };

/** The other strand of a normalised (upper-case, `T` not `U`) DNA sequence, 5'→3'. */
export function reverseComplement(sequence: string): string {
  let out = '';
  for (let i = sequence.length - 1; i >= 0; i -= 1) out += COMPLEMENT[sequence[i]!] ?? 'N';
  return out;
}

/** A record's sequence and quality as read from the other strand: the sequence reverse-complemented, the quality reversed. */
export function otherStrand<R extends { sequence: string; quality?: string }>(record: R): R {
  return { ...record, sequence: reverseComplement(record.sequence), quality: record.quality && [...record.quality].reverse().join('') };
}
