import { expectedErrors } from '../io/phred.ts';
import { readSequences } from '../io/read-sequences.ts';
import { sniffFile } from '../io/sniff-file.ts';

/**
 * Sequencing errors, for calibrating classification on reads as noisy as the user's. A k-mer or language-model
 * embedding of a read with a few percent of errors lies farther from its references than any reference lies from
 * its own taxon's, so a calibration fitted on the clean references alone judges every such read novel and names
 * almost nothing (the gold split with 10% errors: 13% of reads given a genus at the default, though the neighbours
 * still name the right genus for 82%). Fitting it on noisy copies of the references instead puts the reads and the
 * calibration's examples at the same distances.
 */

/**
 * A copy of `sequence` with errors at `rate` per base: substitutions, insertions and deletions in equal shares (long
 * reads err in all three ways; a k-mer embedding is disturbed alike by each, since each breaks the words across it).
 */
export function withReadErrors(sequence: string, rate: number, random: () => number): string {
  let out = '';
  for (const base of sequence) {
    const draw = random();
    if (draw >= rate) out += base;
    else if (draw < rate / 3) out += OTHER_BASES[base]?.[Math.floor(random() * 3)] ?? base;
    else if (draw < (2 * rate) / 3) out += base + 'ACGT'[Math.floor(random() * 4)]!;
    // else: deleted
  }
  return out;
}

const OTHER_BASES: Record<string, string> = { A: 'CGT', C: 'AGT', G: 'ACT', T: 'ACG' };

/** Bases whose qualities are averaged, per file and in all: the rate to the third digit, in bounded time on huge runs. */
const SAMPLED_BASES_PER_FILE = 500_000;
const SAMPLED_BASES = 5_000_000;

/**
 * The reads' error rate as their FASTQ qualities state it: expected errors per base over the files' first reads
 * (half a million bases of each, five million in all). Null when no file has qualities (FASTA): nothing says how
 * noisy they are.
 */
export async function measuredErrorRate(files: readonly string[]): Promise<number | null> {
  let errors = 0;
  let bases = 0;
  for (const file of files) {
    if (bases >= SAMPLED_BASES) break;
    if ((await sniffFile(file)).format !== 'fastq') continue;
    const end = bases + SAMPLED_BASES_PER_FILE;
    for await (const event of readSequences(file, { detectDuplicates: false })) {
      if (event.kind !== 'record' || event.record.quality === undefined) continue;
      errors += expectedErrors(event.record.quality);
      bases += event.record.quality.length;
      if (bases >= end) break;
    }
  }
  return bases > 0 ? errors / bases : null;
}
