import { expectedErrors, PHRED_OFFSET } from '../io/phred.ts';
import type { PrimerRegionCutter } from '../io/primer-region.ts';
import type { SeqRecord } from '../io/seq-record.ts';

/**
 * Quality filtering of single reads, in the order of vsearch `--fastq_filter` and DADA2's `filterAndTrim` (after
 * cutadapt's primer removal): primers cut, then the read truncated at its first poor base and to a fixed length, then
 * judged whole on length, ambiguous bases and expected errors. Written here because nothing on npm filters FASTQ, and
 * neither vsearch nor cutadapt is on a field laptop.
 */
export interface FilterSettings {
  /** Truncate at the first base with a Phred score at or below this (DADA2's truncQ, vsearch --fastq_truncqual); null keeps every base. */
  truncateQuality: number | null;
  /** Truncate every read to this many bases and drop shorter ones (DADA2's truncLen, vsearch --fastq_trunclen); null keeps lengths. */
  truncateLength: number | null;
  /** Drop reads shorter or longer than these (after truncation). */
  minLength: number;
  maxLength: number | null;
  /** Drop reads with more ambiguous bases (N and the other IUPAC codes) than this. */
  maxAmbiguous: number;
  /** Drop reads whose expected number of errors is above this, or above this share of their length. */
  maxExpectedErrors: number | null;
  maxErrorRate: number | null;
}

/** Why a read was dropped: the filter report's columns, in the order they are checked. */
export const FILTER_FAILURES = ['no_primer', 'truncated_short', 'too_short', 'too_long', 'ambiguous', 'expected_errors', 'unreadable'] as const;
export type FilterFailure = (typeof FILTER_FAILURES)[number];

export type FilterOutcome = { kind: 'kept'; record: SeqRecord; expectedErrors: number } | { kind: 'dropped'; reason: FilterFailure };

const AMBIGUOUS = /[^ACGT]/g;

/** One read (FASTQ: quality present) through the filter; `cutter` cuts it to its primers first when given. */
export function filterRead(read: SeqRecord & { quality: string }, settings: FilterSettings, cutter: PrimerRegionCutter | undefined): FilterOutcome {
  let record: SeqRecord = read;
  if (cutter) {
    const cut = cutter.cut(read, '');
    if (cut.kind === 'issue') return { kind: 'dropped', reason: 'no_primer' };
    record = cut.record;
  }
  const quality = record.quality!;
  let end = record.sequence.length;
  if (settings.truncateQuality !== null) {
    const lowest = settings.truncateQuality + PHRED_OFFSET;
    for (let i = 0; i < end; i += 1) {
      if (quality.charCodeAt(i) <= lowest) {
        end = i;
        break;
      }
    }
  }
  if (settings.truncateLength !== null) {
    if (end < settings.truncateLength) return { kind: 'dropped', reason: 'truncated_short' };
    end = settings.truncateLength;
  }
  if (end < settings.minLength) return { kind: 'dropped', reason: 'too_short' };
  if (settings.maxLength !== null && end > settings.maxLength) return { kind: 'dropped', reason: 'too_long' };
  const sequence = record.sequence.slice(0, end);
  if ((sequence.match(AMBIGUOUS)?.length ?? 0) > settings.maxAmbiguous) return { kind: 'dropped', reason: 'ambiguous' };
  const errors = expectedErrors(quality, end);
  if ((settings.maxExpectedErrors !== null && errors > settings.maxExpectedErrors) || (settings.maxErrorRate !== null && errors > settings.maxErrorRate * end)) {
    return { kind: 'dropped', reason: 'expected_errors' };
  }
  return { kind: 'kept', record: { ...record, sequence, quality: quality.slice(0, end) }, expectedErrors: errors };
}
