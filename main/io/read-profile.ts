import { expectedErrors } from './phred.ts';
import type { SeqRecord } from './seq-record.ts';

/**
 * The lengths and stated quality of a file's accepted reads: what a user needs to choose truncation lengths, length
 * bounds, an expected-error limit and the error rate to calibrate for (the Import screen's report, `seqatlas
 * inspect`). Kept as exact counts per length, which merge across a sample's chunk files, rather than as a summary.
 */
export interface ReadProfileJSON {
  reads: number;
  bases: number;
  minLength: number;
  maxLength: number;
  /**
   * [length, reads of that length], shortest first; when lengths vary widely (long reads), [bin start, reads in the
   * bin] for bins of `lengthBin` bases, so that a sample's hundreds of chunk files stay small to keep.
   */
  lengthCounts: [number, number][];
  lengthBin: number;
  /** Expected errors over every base, as the FASTQ qualities state them; null when no read has qualities (FASTA). */
  expectedErrors: number | null;
}

/** Distinct lengths kept exactly; beyond, lengths are counted in bins (a few bases wide for Nanopore reads). */
const MAX_LENGTH_BINS = 500;

export class ReadProfile {
  private readonly counts = new Map<number, number>();
  private reads = 0;
  private bases = 0;
  private errors = 0;
  private qualified = false;

  add(record: SeqRecord): void {
    const length = record.sequence.length;
    this.counts.set(length, (this.counts.get(length) ?? 0) + 1);
    this.reads += 1;
    this.bases += length;
    if (record.quality !== undefined) {
      this.errors += expectedErrors(record.quality);
      this.qualified = true;
    }
  }

  toJSON(): ReadProfileJSON {
    const exact = [...this.counts].sort((a, b) => a[0] - b[0]);
    const minLength = exact[0]?.[0] ?? 0;
    const maxLength = exact.at(-1)?.[0] ?? 0;
    const lengthBin = Math.max(1, Math.ceil((maxLength - minLength + 1) / MAX_LENGTH_BINS));
    const binned = new Map<number, number>();
    for (const [length, count] of exact) {
      const start = length - ((length - minLength) % lengthBin);
      binned.set(start, (binned.get(start) ?? 0) + count);
    }
    return { reads: this.reads, bases: this.bases, minLength, maxLength, lengthCounts: [...binned], lengthBin, expectedErrors: this.qualified ? this.errors : null };
  }
}

/**
 * The figures of one or several files' profiles together (a sample's chunk files); the median and N50 to within
 * the profiles' length bins (exact for short reads).
 */
export interface ReadProfileSummary {
  reads: number;
  minLength: number;
  medianLength: number;
  /** Half of all bases are in reads at least this long (the long-read yardstick). */
  n50: number;
  maxLength: number;
  /** Expected errors per base; null unless every file states qualities. */
  errorRate: number | null;
}

export function summariseProfiles(profiles: readonly ReadProfileJSON[]): ReadProfileSummary | null {
  const counts = new Map<number, number>();
  for (const profile of profiles) for (const [length, count] of profile.lengthCounts) counts.set(length, (counts.get(length) ?? 0) + count);
  const sorted = [...counts].sort((a, b) => a[0] - b[0]);
  const reads = profiles.reduce((sum, p) => sum + p.reads, 0);
  const bases = profiles.reduce((sum, p) => sum + p.bases, 0);
  if (reads === 0) return null;
  const errors = profiles.every((p) => p.expectedErrors !== null) ? profiles.reduce((sum, p) => sum + p.expectedErrors!, 0) : null;
  return {
    reads, minLength: Math.min(...profiles.filter((p) => p.reads > 0).map((p) => p.minLength)), maxLength: Math.max(...profiles.map((p) => p.maxLength)),
    medianLength: lengthAt(sorted, Math.floor((reads - 1) / 2), ([, count]) => count),
    n50: lengthAt([...sorted].reverse(), bases / 2 - 1e-9, ([length, count]) => length * count),
    errorRate: errors !== null && bases > 0 ? errors / bases : null,
  };
}

/**
 * The error rate classify's `auto` calibrates for, from the files' profiles: expected errors per base over the files
 * that state qualities, FASTA files left out as classify leaves them out (measuredErrorRate); null when none does.
 * The Import report's per-sample rate stays null for such a mix, where a rate would describe only part of the sample.
 */
export function statedErrorRate(profiles: readonly ReadProfileJSON[]): number | null {
  const stating = profiles.filter((p) => p.expectedErrors !== null);
  const bases = stating.reduce((sum, p) => sum + p.bases, 0);
  return bases > 0 ? stating.reduce((sum, p) => sum + p.expectedErrors!, 0) / bases : null;
}

/** The length of the entry within which the running total of `weight` passes `target`, walking `sorted` in order. */
function lengthAt(sorted: readonly [number, number][], target: number, weight: (entry: [number, number]) => number): number {
  let total = 0;
  for (const entry of sorted) {
    total += weight(entry);
    if (total > target) return entry[0];
  }
  return sorted.at(-1)![0];
}
