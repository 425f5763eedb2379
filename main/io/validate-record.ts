import { firstIllegalCharacter, GAPS, normalizeSequence, nucleotideFraction } from './alphabet.ts';
import { isHeaderProblem, parseHeader, type ParsedHeader } from './header.ts';
import type { RawRecord } from './raw-record.ts';
import type { ReadEvent } from './read-sequences.ts';
import { makeIssue, printable, type IssueCode } from './record-issue.ts';
import type { Alphabet, SeqRecord } from './seq-record.ts';

export interface ValidationRules {
  alphabet: Alphabet;
  /** Accept alignment gaps (`-`, `.`) and remove them; otherwise they are illegal characters. */
  allowGaps: boolean;
  /** Reject a record whose id an earlier accepted record already has. */
  detectDuplicates: boolean;
}

interface Problem {
  code: IssueCode;
  detail: string;
}

const QUALITY_ILLEGAL = /[^!-~]/;
/** Shorter records are too few letters to call them the other alphabet (a linker peptide can be all G, A, C, T). */
const MIN_RESIDUES_TO_CALL_ALPHABET = 30;

/**
 * Turns raw records into accepted SeqRecords or issues, one file at a time.
 *
 * Duplicate detection remembers every accepted id with the record and line that brought it, so that a duplicate
 * names the record it repeats. This is the one structure that grows with the file: about 110 bytes per 34-character
 * id (measured on Node 20: Map entry, the id's own string, two numbers), about 1.1 GB for 10 million reads; a plain
 * Set of ids would save only the 16 bytes of numbers. `detectDuplicates: false` turns it off for such files.
 */
export class RecordValidator {
  /** id → position in `firsts` of the record and header line that first had it. */
  private readonly seen: Map<string, number> | undefined;
  /** Record number and line pairs, flat: two small integers per id instead of an object each. */
  private readonly firsts: number[] = [];

  constructor(
    private readonly file: string,
    private readonly rules: ValidationRules,
  ) {
    this.seen = rules.detectDuplicates ? new Map() : undefined;
  }

  check(raw: RawRecord, recordNumber: number): ReadEvent {
    const header = parseHeader(raw.header);
    const outcome = raw.problem ?? (isHeaderProblem(header) ? header : this.accept(raw, header, recordNumber));
    if ('kind' in outcome) return outcome;
    return { kind: 'issue', issue: makeIssue(this.file, recordNumber, raw.line, header.id, outcome.code, outcome.detail) };
  }

  private accept(raw: RawRecord, header: ParsedHeader, recordNumber: number): ReadEvent | Problem {
    const problem = this.residueProblem(raw);
    if (problem) return problem;
    const residues = this.rules.allowGaps ? withoutGaps(raw.sequence, raw.quality) : { sequence: raw.sequence, quality: raw.quality };
    const sequence = normalizeSequence(residues.sequence, this.rules.alphabet);
    if (sequence.length === 0) return { code: 'empty_sequence', detail: 'empty sequence (only gaps or a stop codon)' };
    const duplicate = this.duplicateOf(header.id, raw, recordNumber);
    if (duplicate) return duplicate;

    const record: SeqRecord = { id: header.id, description: header.description, sequence, annotations: header.annotations, recordNumber, line: raw.line };
    // A protein's dropped final stop takes its quality character with it (FASTQ quality stays aligned).
    if (residues.quality !== undefined) record.quality = residues.quality.slice(0, sequence.length);
    if (header.size !== undefined) record.size = header.size;
    if (header.sample !== undefined) record.sample = header.sample;
    return { kind: 'record', record };
  }

  /** What is wrong with the residues and qualities as written, if anything. */
  private residueProblem(raw: RawRecord): Problem | undefined {
    if (raw.sequence.length === 0) return { code: 'empty_sequence', detail: 'empty sequence' };
    const alphabetProblem = this.alphabetProblem(raw.sequence);
    if (alphabetProblem) return alphabetProblem;
    if (raw.quality === undefined) return undefined;
    if (raw.quality.length !== raw.sequence.length) return { code: 'quality_length_mismatch', detail: `quality has ${raw.quality.length} characters for ${raw.sequence.length} bases` };
    const bad = QUALITY_ILLEGAL.exec(raw.quality);
    return bad ? { code: 'malformed_record', detail: `quality character '${printable(bad[0])}' at position ${bad.index + 1} is outside ! to ~` } : undefined;
  }

  /** A duplicate_id problem naming the first record with this id; otherwise remembers this record as the first. */
  private duplicateOf(id: string, raw: RawRecord, record: number): Problem | undefined {
    if (!this.seen) return undefined;
    const at = this.seen.get(id);
    if (at !== undefined) return { code: 'duplicate_id', detail: `duplicate id, first seen at record ${this.firsts[at]} (line ${this.firsts[at + 1]})` };
    // A copy: the id is a V8 slice of its header line, and keeping the slice would keep the whole line alive.
    this.seen.set(Buffer.from(id, 'utf8').toString('utf8'), this.firsts.length);
    this.firsts.push(record, raw.line);
    return undefined;
  }

  private alphabetProblem(sequence: string): Problem | undefined {
    const { alphabet, allowGaps } = this.rules;
    const long = sequence.length >= MIN_RESIDUES_TO_CALL_ALPHABET;
    const illegal = firstIllegalCharacter(sequence, alphabet, allowGaps);
    if (illegal >= 0) {
      const where = `illegal character '${printable(sequence[illegal]!)}' at position ${illegal + 1}`;
      if (alphabet === 'dna' && long && firstIllegalCharacter(sequence, 'protein', allowGaps) < 0 && nucleotideFraction(sequence) < 0.5) {
        return { code: 'wrong_alphabet', detail: `looks like a protein sequence, expected dna (${where})` };
      }
      const hint = !allowGaps && (sequence[illegal] === '-' || sequence[illegal] === '.') ? ' (an alignment gap: remove gaps with --remove-gaps, or remove_gaps: true in a run.yaml)' : '';
      return { code: 'illegal_characters', detail: `${where} for a ${alphabet} sequence${hint}` };
    }
    // Nucleotide letters are valid protein letters, so a DNA record in a protein file passes the character check.
    if (alphabet === 'protein' && long && firstIllegalCharacter(sequence, 'dna', allowGaps) < 0 && nucleotideFraction(sequence) >= 0.9) {
      return { code: 'wrong_alphabet', detail: 'looks like a nucleotide sequence, expected protein' };
    }
    return undefined;
  }
}

/** The sequence without gap characters; a FASTQ quality loses the characters at the same positions. */
function withoutGaps(sequence: string, quality: string | undefined): { sequence: string; quality: string | undefined } {
  const stripped = sequence.replace(GAPS, '');
  if (quality === undefined || stripped.length === sequence.length) return { sequence: stripped, quality };
  let kept = '';
  for (let i = 0; i < sequence.length; i += 1) if (sequence[i] !== '-' && sequence[i] !== '.') kept += quality[i];
  return { sequence: stripped, quality: kept };
}
