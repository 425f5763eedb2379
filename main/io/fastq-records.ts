import { binaryProblem, findBinary, type BinarySpot, type RawRecord, type RecordSplitter } from './raw-record.ts';

interface OpenRecord {
  header: string;
  line: number;
  sequence?: string;
  plus?: boolean;
  /** First non-text character in the record, if any. */
  binary?: BinarySpot;
}

/**
 * Cuts FASTQ text into four-line records (@header, sequence, +, quality). A record out of shape is reported, and
 * reading resynchronises at the next line starting with '@'; the lines skipped on the way belong to the reported
 * record (or, when no record was open, form one malformed record of their own), so nothing vanishes unreported.
 */
export class FastqSplitter implements RecordSplitter {
  linesSeen = 0;
  private current: OpenRecord | undefined;
  /** Lines that cannot start a record, skipped until the next '@'; reported as one record when `report` is set. */
  private skipping: { line: number; binary?: BinarySpot; report: boolean } | undefined;

  push(text: string): RawRecord | undefined {
    this.linesSeen += 1;
    const binary = findBinary(text, this.linesSeen);
    const record = this.current;
    if (!record) {
      if (text.startsWith('@')) {
        const done = this.closeSkipped();
        this.current = { header: text.slice(1), line: this.linesSeen, binary };
        return done;
      }
      if (!this.skipping && binary === undefined && text.trim() === '') return undefined;
      this.skipping ??= { line: this.linesSeen, report: true };
      this.skipping.binary ??= binary;
      return undefined;
    }
    record.binary ??= binary;
    if (record.sequence === undefined) {
      record.sequence = text.trim();
      return undefined;
    }
    if (!record.plus) {
      if (text.startsWith('+')) {
        record.plus = true;
        return undefined;
      }
      this.current = undefined;
      // The line in the '+' slot may already be the next record (a record that lost lines): start it.
      if (text.startsWith('@')) this.current = { header: text.slice(1), line: this.linesSeen, binary };
      else this.skipping = { line: this.linesSeen, report: false };
      return this.broken(record, { code: 'malformed_record', detail: `missing '+' line (line ${record.line + 2})` });
    }
    this.current = undefined;
    const raw: RawRecord = { header: record.header, line: record.line, sequence: record.sequence, quality: text.trim() };
    if (record.binary) raw.problem = binaryProblem(record.binary);
    return raw;
  }

  finish(): RawRecord | undefined {
    const record = this.current;
    if (!record) return this.closeSkipped();
    this.current = undefined;
    return this.broken(record, { code: 'malformed_record', detail: 'the file ends inside this FASTQ record (missing sequence, + or quality line)' });
  }

  pendingLine(): number | undefined {
    return this.current?.line ?? (this.skipping?.report ? this.skipping.line : undefined);
  }

  private broken(record: OpenRecord, problem: NonNullable<RawRecord['problem']>): RawRecord {
    const binary = record.binary ? binaryProblem(record.binary) : undefined;
    return { header: record.header, line: record.line, sequence: record.sequence ?? '', problem: binary ?? problem };
  }

  private closeSkipped(): RawRecord | undefined {
    const skipped = this.skipping;
    this.skipping = undefined;
    if (!skipped?.report) return undefined;
    const problem = skipped.binary
      ? binaryProblem(skipped.binary)
      : { code: 'malformed_record' as const, detail: "expected a FASTQ header line starting with '@' (missing header)" };
    return { header: '', line: skipped.line, sequence: '', problem };
  }
}
