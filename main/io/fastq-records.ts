import { BINARY, type RawRecord } from './raw-record.ts';

/**
 * Cuts FASTQ text into four-line records (@header, sequence, +, quality). A record whose lines are out of shape is
 * reported and reading resynchronises at the next line starting with '@' that is followed by a sequence and '+'.
 */
export async function* fastqRecords(lines: AsyncIterable<string>): AsyncGenerator<RawRecord> {
  const iterator = lines[Symbol.asyncIterator]();
  let lineNumber = 0;
  let lookahead: string | undefined;
  const next = async (): Promise<string | undefined> => {
    if (lookahead !== undefined) {
      const held = lookahead;
      lookahead = undefined;
      return held;
    }
    const step = await iterator.next();
    if (step.done) return undefined;
    lineNumber += 1;
    return step.value;
  };
  for (;;) {
    let header = await next();
    while (header !== undefined && header.trim() === '') header = await next();
    if (header === undefined) return;
    const line = lineNumber;
    if (!header.startsWith('@')) {
      // Skip to the next plausible header; everything skipped is one malformed record.
      let skipped = await next();
      while (skipped !== undefined && !skipped.startsWith('@')) skipped = await next();
      lookahead = skipped;
      yield { header: '', line, sequence: '', problem: BINARY.test(header) ? { code: 'binary_data', detail: 'binary (non-text) data' } : { code: 'malformed_record', detail: "expected a FASTQ header starting with '@'" } };
      continue;
    }
    const sequence = await next();
    const plus = await next();
    const quality = await next();
    const raw: RawRecord = { header: header.slice(1), line, sequence: (sequence ?? '').trim(), quality: quality?.trim() };
    if (sequence === undefined || plus === undefined || quality === undefined) {
      raw.problem = { code: 'malformed_record', detail: 'FASTQ record ends before its sequence, + and quality lines' };
    } else if (!plus.startsWith('+')) {
      raw.problem = { code: 'malformed_record', detail: `expected '+' line at line ${line + 2}` };
      // A short record: the line in the quality slot may be the next record's header, so resume there.
      if (quality.startsWith('@')) lookahead = quality;
    } else if ([header, sequence, quality].some((l) => BINARY.test(l))) {
      raw.problem = { code: 'binary_data', detail: 'binary (non-text) data in the record' };
    }
    yield raw;
  }
}
