import type { IssueCode, RecordIssue } from './record-issue.ts';
import { readSequences, type ReadOptions } from './read-sequences.ts';
import { sniffFile } from './sniff-file.ts';

export interface ValidationReport {
  format: 'fasta' | 'fastq';
  gzip: boolean;
  alphabet: 'dna' | 'protein';
  read: number;
  accepted: number;
  rejected: number;
  byCode: Partial<Record<IssueCode, number>>;
  /** The first `keep` issues; `rejected` counts them all. */
  issues: RecordIssue[];
}

/** A dry run over a file: what an import would accept and reject, writing nothing (the UI's report before a run). */
export async function validateFile(path: string, options: ReadOptions & { keep?: number } = {}): Promise<ValidationReport> {
  const sniffed = await sniffFile(path);
  const keep = options.keep ?? 1000;
  const report: ValidationReport = { format: sniffed.format, gzip: sniffed.gzip, alphabet: options.alphabet && options.alphabet !== 'auto' ? options.alphabet : sniffed.alphabet, read: 0, accepted: 0, rejected: 0, byCode: {}, issues: [] };
  for await (const event of readSequences(path, options)) {
    report.read += 1;
    if (event.kind === 'record') {
      report.accepted += 1;
      continue;
    }
    report.rejected += 1;
    report.byCode[event.issue.code] = (report.byCode[event.issue.code] ?? 0) + 1;
    if (report.issues.length < keep) report.issues.push(event.issue);
  }
  return report;
}
