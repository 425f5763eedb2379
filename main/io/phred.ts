/** FASTQ base qualities: Sanger / Illumina 1.8+ Phred scores, offset 33 (`!` is 0, `~` is 93). */
export const PHRED_OFFSET = 33;

/** Error probability of each Phred score, computed once (93 is the highest a FASTQ character can carry). */
export const ERROR_OF_PHRED = Float64Array.from({ length: 94 }, (_, q) => 10 ** (-q / 10));

/** The expected number of errors in `quality`'s first `end` bases: the sum of their error probabilities. */
export function expectedErrors(quality: string, end = quality.length): number {
  let sum = 0;
  for (let i = 0; i < end; i += 1) sum += ERROR_OF_PHRED[quality.charCodeAt(i) - PHRED_OFFSET]!;
  return sum;
}
