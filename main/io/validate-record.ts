import { firstIllegalCharacter, normalizeSequence, nucleotideFraction } from './alphabet.ts';
import { parseHeader } from './header.ts';
import type { RawRecord } from './raw-record.ts';
import { makeIssue, printable, type IssueCode, type RecordIssue } from './record-issue.ts';
import type { Alphabet, SeqRecord } from './seq-record.ts';

export type CheckedRecord = { kind: 'record'; record: SeqRecord } | { kind: 'issue'; issue: RecordIssue };

const QUALITY = /^[!-~]*$/;
const POSITIVE_INTEGER = /^[1-9]\d{0,14}$/;
/** Shorter records are too few letters to call them the other alphabet (a linker peptide can be all G, A, C, T). */
const MIN_RESIDUES_TO_CALL_ALPHABET = 30;

/**
 * Turns raw records into accepted SeqRecords or issues, one file at a time. Duplicate ids are remembered as
 * id → (record, line): the one structure that grows with the file, roughly 100 bytes per accepted record
 * (about 1 GB for 10 million reads), a price paid so that a duplicate names the record it repeats.
 */
export class RecordValidator {
  private readonly seen = new Map<string, { record: number; line: number }>();

  constructor(
    private readonly file: string,
    private readonly alphabet: Alphabet,
  ) {}

  check(raw: RawRecord, recordNumber: number): CheckedRecord {
    const header = parseHeader(raw.header);
    const id = typeof header === 'string' ? undefined : header.id;
    const reject = (code: IssueCode, detail: string): CheckedRecord => ({ kind: 'issue', issue: makeIssue(this.file, recordNumber, raw.line, id, code, detail) });
    if (raw.problem) return reject(raw.problem.code, raw.problem.detail);
    if (typeof header === 'string') return reject('malformed_record', header);
    if (raw.sequence.length === 0) return reject('empty_sequence', 'empty sequence');
    const alphabetProblem = this.alphabetProblem(raw.sequence);
    if (alphabetProblem) return reject(alphabetProblem.code, alphabetProblem.detail);
    if (raw.quality !== undefined) {
      if (raw.quality.length !== raw.sequence.length) return reject('quality_length_mismatch', `quality has ${raw.quality.length} characters for ${raw.sequence.length} bases`);
      if (!QUALITY.test(raw.quality)) return reject('malformed_record', 'quality line has characters outside ! to ~');
    }
    const sizeText = header.annotations.size;
    if (sizeText !== undefined && !POSITIVE_INTEGER.test(sizeText)) return reject('invalid_annotation', `size=${printable(sizeText)} is not a positive integer`);
    const sequence = normalizeSequence(raw.sequence, this.alphabet);
    if (sequence.length === 0) return reject('empty_sequence', 'empty sequence (only a stop codon)');
    const first = this.seen.get(header.id);
    if (first) return reject('duplicate_id', `duplicate id, first seen at record ${first.record} (line ${first.line})`);
    this.seen.set(header.id, { record: recordNumber, line: raw.line });

    const record: SeqRecord = { id: header.id, description: header.description, sequence, annotations: header.annotations, recordNumber, line: raw.line };
    if (raw.quality !== undefined) record.quality = raw.quality;
    if (sizeText !== undefined) record.size = Number(sizeText);
    const sample = header.annotations.sample ?? header.annotations.barcodelabel;
    if (sample !== undefined) record.sample = sample;
    return { kind: 'record', record };
  }

  private alphabetProblem(sequence: string): { code: IssueCode; detail: string } | undefined {
    const long = sequence.length >= MIN_RESIDUES_TO_CALL_ALPHABET;
    const illegal = firstIllegalCharacter(sequence, this.alphabet);
    if (illegal >= 0) {
      const where = `illegal character '${printable(sequence[illegal]!)}' at position ${illegal + 1}`;
      if (this.alphabet === 'dna' && long && firstIllegalCharacter(sequence, 'protein') < 0 && nucleotideFraction(sequence) < 0.5) {
        return { code: 'wrong_alphabet', detail: `looks like a protein sequence, expected dna (${where})` };
      }
      return { code: 'illegal_characters', detail: `${where} for a ${this.alphabet} sequence` };
    }
    // Nucleotide letters are valid protein letters, so a DNA record in a protein file passes the character check.
    if (this.alphabet === 'protein' && long && firstIllegalCharacter(sequence, 'dna') < 0 && nucleotideFraction(sequence) >= 0.9) {
      return { code: 'wrong_alphabet', detail: 'looks like a nucleotide sequence, expected protein' };
    }
    return undefined;
  }
}
