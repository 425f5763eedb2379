import type { IssueCode } from './record-issue.ts';

/** A record as cut from the text, before validation; `problem` is set when its structure is already broken. */
export interface RawRecord {
  header: string;
  line: number;
  sequence: string;
  quality?: string;
  problem?: { code: IssueCode; detail: string };
}

/** NUL and the C0 controls other than tab and CR/LF never occur in sequence text: they mean binary data. */
export const BINARY = /[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/;
