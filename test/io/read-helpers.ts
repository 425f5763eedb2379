import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { countingInto, ImportSummary } from '../../main/io/import-summary.ts';
import type { RecordIssue } from '../../main/io/record-issue.ts';
import { readSequences, type ReadOptions } from '../../main/io/read-sequences.ts';
import type { SeqRecord } from '../../main/io/seq-record.ts';

export const FIXTURES = new URL('../fixtures/io/', import.meta.url).pathname;

export interface ReadAll {
  records: SeqRecord[];
  issues: RecordIssue[];
  /** Event kinds in order, to check that every record number appears exactly once. */
  order: number[];
  summary: ImportSummary;
}

export async function readAll(path: string, options?: ReadOptions): Promise<ReadAll> {
  const result: ReadAll = { records: [], issues: [], order: [], summary: new ImportSummary() };
  for await (const event of countingInto(result.summary, readSequences(path, options))) {
    if (event.kind === 'record') {
      result.records.push(event.record);
      result.order.push(event.record.recordNumber);
    } else {
      result.issues.push(event.issue);
      result.order.push(event.issue.record);
    }
  }
  return result;
}

/** Writes `content` as `name` in `dir`: text is gzipped when the name ends in .gz, bytes are written as they are. */
export async function writeInput(dir: string, name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof content === 'string' && name.endsWith('.gz') ? gzipSync(content) : content);
  return path;
}

/** Issue fields that tests compare: where and what, not the wording. */
export function where(issue: RecordIssue): { file: string; record: number; line: number; code: string } {
  return { file: issue.file, record: issue.record, line: issue.line, code: issue.code };
}
