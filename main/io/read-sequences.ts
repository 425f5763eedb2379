import { basename } from 'node:path';
import { FastaSplitter } from './fasta-records.ts';
import { FastqSplitter } from './fastq-records.ts';
import type { RawRecord, RecordSplitter } from './raw-record.ts';
import { PrimerPair, PrimerRegionCutter } from './primer-region.ts';
import { makeIssue, type RecordIssue } from './record-issue.ts';
import { otherStrand } from './reverse-complement.ts';
import type { Alphabet, SeqRecord } from './seq-record.ts';
import { sniffFile } from './sniff-file.ts';
import { lineBatches, TruncatedGzipError } from './text-lines.ts';
import { RecordValidator } from './validate-record.ts';

export type ReadEvent = { kind: 'record'; record: SeqRecord } | { kind: 'issue'; issue: RecordIssue };

export interface ReadOptions {
  /** Validate against this alphabet; `auto` (default) decides from the first 64 KB (see sniffFile). */
  alphabet?: Alphabet | 'auto';
  /** Accept alignment gaps `-` and `.` and remove them (default false: they are illegal characters). */
  allowGaps?: boolean;
  /** Cut every DNA record to the region between these primers; records without both sites are rejected. */
  region?: PrimerPair;
  /** Hand out every DNA record's other strand (after any cut), quality reversed with it. */
  reverseComplement?: boolean;
  /** Reject repeated ids (default true). Costs memory per accepted id; see RecordValidator. */
  detectDuplicates?: boolean;
  /** Aborting makes the generator throw the signal's reason at the next chunk. */
  signal?: AbortSignal;
}

/**
 * Streams the records of a FASTA or FASTQ file (plain or gzip). Every record comes out exactly once: accepted, or as
 * an issue naming file, record number and header line. A truncated gzip ends the stream with one `truncated_gzip`
 * issue. Throws SequenceFileError (one line) only when the file as a whole cannot be read: missing, empty, binary,
 * neither FASTA nor FASTQ, or a read error from the disk.
 */
export async function* readSequences(path: string, options: ReadOptions = {}): AsyncGenerator<ReadEvent> {
  const file = basename(path);
  const sniffed = await sniffFile(path);
  const splitter: RecordSplitter = sniffed.format === 'fasta' ? new FastaSplitter() : new FastqSplitter();
  const validator = new RecordValidator(file, {
    alphabet: options.alphabet && options.alphabet !== 'auto' ? options.alphabet : sniffed.alphabet,
    allowGaps: options.allowGaps ?? false,
    detectDuplicates: options.detectDuplicates ?? true,
  });
  const cutter = options.region ? new PrimerRegionCutter(PrimerPair.parse(options.region)) : undefined;
  // Validation first: a record is cut only once it is known to be a clean sequence.
  const check = (raw: RawRecord, number: number): ReadEvent => {
    const checked = validator.check(raw, number);
    const event = cutter && checked.kind === 'record' ? cutter.cut(checked.record, file) : checked;
    return options.reverseComplement && event.kind === 'record' ? { kind: 'record', record: otherStrand(event.record) } : event;
  };
  let recordNumber = 0;
  try {
    for await (const lines of lineBatches(path, options.signal)) {
      for (const line of lines) {
        const raw = splitter.push(line);
        if (raw) yield check(raw, (recordNumber += 1));
      }
    }
  } catch (error) {
    if (!(error instanceof TruncatedGzipError)) throw error;
    // The record in progress may look complete but cannot be trusted: it is the one reported, not accepted.
    const line = splitter.pendingLine() ?? splitter.linesSeen + 1;
    const after = recordNumber === 0 ? 'before the first complete record' : `after record ${recordNumber}, the last complete one`;
    yield { kind: 'issue', issue: makeIssue(file, recordNumber + 1, line, undefined, 'truncated_gzip', `truncated gzip: the compressed data ends early or is damaged ${after}; this record and anything after it are lost`) };
    return;
  }
  const last = splitter.finish();
  if (last) yield check(last, (recordNumber += 1));
}
