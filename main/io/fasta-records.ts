import { BINARY, type RawRecord } from './raw-record.ts';

/**
 * Cuts FASTA text into records: a header line starting with '>' and the sequence lines up to the next header.
 * Text before the first header becomes a broken record of its own, so nothing is skipped without a report.
 */
export async function* fastaRecords(lines: AsyncIterable<string>): AsyncGenerator<RawRecord> {
  let current: { header: string; line: number; parts: string[]; binary: boolean } | undefined;
  let orphan: { line: number; binary: boolean } | undefined;
  let lineNumber = 0;
  const finish = (): RawRecord => {
    const record = current!;
    current = undefined;
    const raw: RawRecord = { header: record.header, line: record.line, sequence: record.parts.join('') };
    if (record.binary) raw.problem = { code: 'binary_data', detail: 'binary (non-text) data in the record' };
    return raw;
  };
  for await (const text of lines) {
    lineNumber += 1;
    if (text.startsWith('>')) {
      if (orphan) {
        yield { header: '', line: orphan.line, sequence: '', problem: orphan.binary ? { code: 'binary_data', detail: 'binary (non-text) data before the first header' } : { code: 'malformed_record', detail: "text before the first '>' header" } };
        orphan = undefined;
      }
      if (current) yield finish();
      current = { header: text.slice(1), line: lineNumber, parts: [], binary: BINARY.test(text) };
      continue;
    }
    const binary = BINARY.test(text);
    if (!current) {
      if (text.trim() === '' && !binary) continue;
      orphan ??= { line: lineNumber, binary };
      orphan.binary ||= binary;
      continue;
    }
    current.binary ||= binary;
    // Whitespace inside sequence lines (spaces, tabs, the odd trailing blank) is layout, not sequence.
    current.parts.push(/\s/.test(text) ? text.replace(/\s+/g, '') : text);
  }
  if (orphan) yield { header: '', line: orphan.line, sequence: '', problem: { code: orphan.binary ? 'binary_data' : 'malformed_record', detail: "text before the first '>' header" } };
  if (current) yield finish();
}
