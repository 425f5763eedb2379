import { printable, type IssueCode } from './record-issue.ts';

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

/** NUL, the C0 controls that are not whitespace (tab, LF, VT, FF, CR), DEL and U+FFFD (invalid UTF-8) never occur in sequence text. */
export const BINARY = /[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/;

/** Where a record first holds non-text: the line and the character found there (U+FFFD for invalid UTF-8). */
export interface BinarySpot {
  line: number;
  character: string;
}

/** The first non-text character of `text`, if any, as a spot on `line`. */
export function findBinary(text: string, line: number): BinarySpot | undefined {
  const match = BINARY.exec(text);
  return match ? { line, character: match[0] } : undefined;
}

export function binaryProblem(spot: BinarySpot): NonNullable<RawRecord['problem']> {
  const what = spot.character === '\ufffd' ? 'invalid UTF-8' : `'${printable(spot.character)}'`;
  return { code: 'binary_data', detail: `binary (non-text) data at line ${spot.line} (${what})` };
}
