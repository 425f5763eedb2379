/** Paired-end reads simulated from known amplicons, for testing the merger against the truth. */

const COMPLEMENT: Record<string, string> = { A: 'T', C: 'G', G: 'C', T: 'A' };
export const reverseComplementOf = (sequence: string): string => [...sequence].reverse().map((base) => COMPLEMENT[base] ?? 'N').join('');

export const randomSequence = (random: () => number, length: number): string => Array.from({ length }, () => 'ACGT'[Math.floor(random() * 4)]).join('');

/**
 * One read of `length` bases from the start of `template` (random bases past its end, as a sequencer reads on into
 * the adapter), with Illumina-like qualities falling from Q38 towards Q20 along the read and substitution errors
 * drawn at the rate each quality states.
 */
export function simulatedRead(random: () => number, template: string, length: number): { sequence: string; quality: string; errors: number } {
  let sequence = '';
  let quality = '';
  let errors = 0;
  for (let p = 0; p < length; p += 1) {
    const q = Math.max(2, Math.min(40, 38 - Math.floor(18 * (p / length) ** 2) + Math.floor(random() * 6) - 3));
    let base = p < template.length ? template[p]! : 'ACGT'[Math.floor(random() * 4)]!;
    if (random() < 10 ** (-q / 10)) {
      base = 'ACGT'.replace(base, '')[Math.floor(random() * 3)]!;
      errors += 1;
    }
    sequence += base;
    quality += String.fromCharCode(q + 33);
  }
  return { sequence, quality, errors };
}

/** A pair of reads of an amplicon: the forward read from its start, the reverse from its other strand's start. */
export function simulatedPair(random: () => number, amplicon: string, readLength: number) {
  return { forward: simulatedRead(random, amplicon, readLength), reverse: simulatedRead(random, reverseComplementOf(amplicon), readLength) };
}
