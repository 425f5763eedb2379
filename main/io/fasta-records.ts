import { BINARY, binaryProblem, type RawRecord, type RecordSplitter } from './raw-record.ts';

interface OpenRecord {
  header: string;
  line: number;
  parts: string[];
  /** First line holding non-text bytes, if any. */
  binaryLine?: number;
}

/**
 * Cuts FASTA text into records: a header line starting with '>' and the sequence lines up to the next header.
 * Text before the first header becomes a broken record of its own, so nothing is skipped without a report.
 * Sequence lines are collected as parts and joined once per record.
 */
export class FastaSplitter implements RecordSplitter {
  linesSeen = 0;
  private current: OpenRecord | undefined;
  private stray: { line: number; binaryLine?: number } | undefined;

  push(text: string): RawRecord | undefined {
    this.linesSeen += 1;
    const binaryLine = BINARY.test(text) ? this.linesSeen : undefined;
    if (text.startsWith('>')) {
      const done = this.current ? this.close(this.current) : this.closeStray();
      this.current = { header: text.slice(1), line: this.linesSeen, parts: [], binaryLine };
      return done;
    }
    if (!this.current) {
      if (binaryLine === undefined && text.trim() === '') return undefined;
      this.stray ??= { line: this.linesSeen };
      this.stray.binaryLine ??= binaryLine;
      return undefined;
    }
    this.current.binaryLine ??= binaryLine;
    // Whitespace inside sequence lines (spaces, tabs, blank lines) is layout, not sequence.
    this.current.parts.push(/\s/.test(text) ? text.replace(/\s+/g, '') : text);
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
    if (record.binaryLine !== undefined) raw.problem = binaryProblem(record.binaryLine);
    return raw;
  }

  private closeStray(): RawRecord | undefined {
    const stray = this.stray;
    if (!stray) return undefined;
    this.stray = undefined;
    const problem = stray.binaryLine !== undefined
      ? binaryProblem(stray.binaryLine)
      : { code: 'malformed_record' as const, detail: "sequence text without a '>' header line before it (missing header)" };
    return { header: '', line: stray.line, sequence: '', problem };
  }
}
