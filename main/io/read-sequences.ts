import { basename } from 'node:path';
import { firstIllegalCharacter, normalizeSequence } from './alphabet.ts';
import { fastaRecords } from './fasta-records.ts';
import { fastqRecords } from './fastq-records.ts';
import { parseHeader } from './header.ts';
import type { RawRecord } from './raw-record.ts';
import { makeIssue, printable, type RecordIssue } from './record-issue.ts';
import type { Alphabet, SeqRecord } from './seq-record.ts';
import { sniffFile } from './sniff-file.ts';
import { textLines, TruncatedGzipError } from './text-lines.ts';

export type ReadEvent = { kind: 'record'; record: SeqRecord } | { kind: 'issue'; issue: RecordIssue };

export interface ReadOptions {
  /** Validate against this alphabet; `auto` (default) decides from the first records. */
  alphabet?: Alphabet | 'auto';
  signal?: AbortSignal;
}

const QUALITY = /^[!-~]*$/;

/**
 * Streams the records of a FASTA or FASTQ file (plain or gzip). Every record comes out exactly once: accepted, or as
 * an issue naming file, record number and header line. Duplicate ids are remembered as id → (record, line): the one
 * structure that grows with the file, about 100 bytes per record.
 */
export async function* readSequences(path: string, options: ReadOptions = {}): AsyncGenerator<ReadEvent> {
  const file = basename(path);
  const sniffed = await sniffFile(path);
  const alphabet = options.alphabet && options.alphabet !== 'auto' ? options.alphabet : sniffed.alphabet;
  const seen = new Map<string, { record: number; line: number }>();
  const lines = textLines(path, options.signal);
  const raws = sniffed.format === 'fasta' ? fastaRecords(lines) : fastqRecords(lines);
  let recordNumber = 0;
  try {
    for await (const raw of raws) {
      recordNumber += 1;
      const event = validate(raw, recordNumber, file, alphabet, seen);
      yield event;
    }
  } catch (error) {
    if (!(error instanceof TruncatedGzipError)) throw error;
    yield {
      kind: 'issue',
      issue: makeIssue(file, recordNumber + 1, 0, undefined, 'truncated_gzip', `the gzip stream ends early (file incomplete or damaged); the records up to ${recordNumber} were read, anything after is lost`),
    };
  }
}

function validate(raw: RawRecord, recordNumber: number, file: string, alphabet: Alphabet, seen: Map<string, { record: number; line: number }>): ReadEvent {
  const issue = (id: string | undefined, code: RecordIssue['code'], detail: string): ReadEvent => ({ kind: 'issue', issue: makeIssue(file, recordNumber, raw.line, id, code, detail) });
  const header = parseHeader(raw.header);
  const id = typeof header === 'string' ? undefined : header.id;
  if (raw.problem) return issue(id, raw.problem.code, raw.problem.detail);
  if (typeof header === 'string') return issue(undefined, 'malformed_record', header);
  if (raw.sequence.length === 0) return issue(id, 'empty_sequence', 'empty sequence');
  const illegal = firstIllegalCharacter(raw.sequence, alphabet);
  const trailingStop = alphabet === 'protein' && illegal === raw.sequence.length - 1 && raw.sequence.endsWith('*');
  if (illegal >= 0 && !trailingStop) {
    return issue(id, 'illegal_characters', `illegal character '${printable(raw.sequence[illegal]!)}' at position ${illegal + 1} for a ${alphabet} sequence`);
  }
  if (raw.quality !== undefined) {
    if (raw.quality.length !== raw.sequence.length) return issue(id, 'quality_length_mismatch', `quality has ${raw.quality.length} characters for ${raw.sequence.length} bases`);
    if (!QUALITY.test(raw.quality)) return issue(id, 'malformed_record', 'quality line has characters outside ! to ~');
  }
  let size: number | undefined;
  if (header.annotations.size !== undefined) {
    if (!/^[1-9]\d*$/.test(header.annotations.size)) return issue(id, 'invalid_annotation', `size=${printable(header.annotations.size)} is not a positive integer`);
    size = Number(header.annotations.size);
  }
  const first = seen.get(header.id);
  if (first) return issue(id, 'duplicate_id', `duplicate id (first seen at record ${first.record}, line ${first.line})`);
  seen.set(header.id, { record: recordNumber, line: raw.line });
  const sequence = normalizeSequence(raw.sequence, alphabet);
  if (sequence.length === 0) return issue(id, 'empty_sequence', 'empty sequence');
  const record: SeqRecord = {
    id: header.id, description: header.description, sequence, annotations: header.annotations,
    recordNumber, line: raw.line,
  };
  if (raw.quality !== undefined) record.quality = raw.quality;
  if (size !== undefined) record.size = size;
  const sample = header.annotations.sample ?? header.annotations.barcodelabel;
  if (sample !== undefined) record.sample = sample;
  return { kind: 'record', record };
}
