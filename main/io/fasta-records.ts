import { binaryProblem, findBinary, type BinarySpot, type RawRecord, type RecordSplitter } from './raw-record.ts';

/** Anything but letters, stop and gap characters: whitespace to drop, or text the validator will look at. */
const NOT_RESIDUE = /[^A-Za-z*.-]/;

interface OpenRecord {
  header: string;
  line: number;
  parts: string[];
  /** First non-text character in the record, if any. */
  binary?: BinarySpot;
}

/**
 * Cuts FASTA text into records: a header line starting with '>' and the sequence lines up to the next header.
 * Text before the first header becomes a broken record of its own, so nothing is skipped without a report.
 * Sequence lines are collected as parts and joined once per record.
 */
export class FastaSplitter implements RecordSplitter {
  linesSeen = 0;
  private current: OpenRecord | undefined;
  private stray: { line: number; binary?: BinarySpot } | undefined;

  push(text: string): RawRecord | undefined {
    this.linesSeen += 1;
    if (text.startsWith('>')) {
      const done = this.current ? this.close(this.current) : this.closeStray();
      this.current = { header: text.slice(1), line: this.linesSeen, parts: [], binary: findBinary(text, this.linesSeen) };
      return done;
    }
    // Nearly all sequence lines hold only residue letters: one scan proves it, and only other lines get a closer look.
    const plain = !NOT_RESIDUE.test(text);
    const binary = plain ? undefined : findBinary(text, this.linesSeen);
    if (!this.current) {
      if (binary === undefined && text.trim() === '') return undefined;
      this.stray ??= { line: this.linesSeen };
      this.stray.binary ??= binary;
      return undefined;
    }
    this.current.binary ??= binary;
    // Whitespace inside sequence lines (spaces, tabs, blank lines) is layout, not sequence.
    this.current.parts.push(plain ? text : text.replace(/\s+/g, ''));
    return undefined;
  }

  finish(): RawRecord | undefined {
    return this.current ? this.close(this.current) : this.closeStray();
  }

  pendingLine(): number | undefined {
    return this.current?.line ?? this.stray?.line;
  }

  private close(record: OpenRecord): RawRecord {
    this.current = undefined;
    const raw: RawRecord = { header: record.header, line: record.line, sequence: record.parts.join('') };
    if (record.binary) raw.problem = binaryProblem(record.binary);
    return raw;
  }

  private closeStray(): RawRecord | undefined {
    const stray = this.stray;
    if (!stray) return undefined;
    this.stray = undefined;
    const problem = stray.binary
      ? binaryProblem(stray.binary)
      : { code: 'malformed_record' as const, detail: "sequence text without a '>' header line before it (missing header)" };
    return { header: '', line: stray.line, sequence: '', problem };
  }
}
