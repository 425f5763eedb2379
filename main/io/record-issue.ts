export type IssueCode =
  | 'empty_sequence'
  | 'illegal_characters'
  | 'quality_length_mismatch'
  | 'duplicate_id'
  | 'truncated_gzip'
  | 'binary_data'
  | 'malformed_record'
  | 'wrong_alphabet'
  | 'invalid_annotation'
  | 'primer_not_found'
  | 'empty_file'
  | 'unreadable_file';

/** A rejected record: enough to find it in the file (record number and header line) and to fix it (the message). */
export interface RecordIssue {
  file: string;
  record: number;
  line: number;
  id?: string;
  code: IssueCode;
  /** One line: `reads.fa: record 12 (line 40, id "x"): illegal character 'J' at position 17`. */
  message: string;
}

export function makeIssue(file: string, record: number, line: number, id: string | undefined, code: IssueCode, detail: string): RecordIssue {
  const where = id === undefined || id === '' ? `line ${line}` : `line ${line}, id "${printable(id)}"`;
  return { file, record, line, id, code, message: `${file}: record ${record} (${where}): ${detail}` };
}

/** Ids and characters quoted in messages: control characters shown escaped, length capped, so a message stays one line. */
export function printable(text: string, max = 80): string {
  // C0/C1 controls, DEL and the Unicode line and paragraph separators would break the line or hide in it.
  const escaped = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
  });
  return escaped.length > max ? `${escaped.slice(0, max)}…` : escaped;
}

/**
 * A file none of whose records was accepted, quoting the first rejection: most such files fail for one reason
 * throughout (gaps, the wrong alphabet, no primer sites), so the reason is in the message itself.
 */
export function noRecordAccepted(file: string, rejected: number, firstRejection: string | undefined): string {
  return `${file}: no record was accepted (${rejected} rejected; the first: ${firstRejection ?? 'none read'})`;
}
