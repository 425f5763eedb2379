import type { IssueCode } from './record-issue.ts';

/** A record as cut from the text, before validation; `problem` is set when its structure is already broken. */
export interface RawRecord {
  header: string;
  /** 1-based line of the header (or of the first stray line for a record without one). */
  line: number;
  sequence: string;
  quality?: string;
  problem?: { code: IssueCode; detail: string };
}

/**
 * Cuts lines into raw records, one line at a time (synchronously: the reader feeds whole batches of lines).
 * `push` returns a record when the line completes one; `finish` returns the last one at the end of the input;
 * `pendingLine` is the header line of a record that has started but is not complete (for truncated input).
 */
export interface RecordSplitter {
  push(line: string): RawRecord | undefined;
  finish(): RawRecord | undefined;
  pendingLine(): number | undefined;
  readonly linesSeen: number;
}

/** NUL and the C0 controls other than tab, CR and LF, DEL, and U+FFFD (invalid UTF-8) never occur in sequence text. */
export const BINARY = /[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/;

export function binaryProblem(line: number): NonNullable<RawRecord['problem']> {
  return { code: 'binary_data', detail: `binary (non-text) data at line ${line}` };
}
