import { ImportSummary } from './import-summary.ts';
import { ReadProfile } from './read-profile.ts';
import { readSequences, type ReadOptions } from './read-sequences.ts';
import type { RecordIssue } from './record-issue.ts';
import type { Alphabet } from './seq-record.ts';
import { sniffFile } from './sniff-file.ts';

export interface ValidationReport {
  format: 'fasta' | 'fastq';
  gzip: boolean;
  /** The alphabet records were validated against (the option, or the sniffed one for `auto`). */
  alphabet: Alphabet;
  rna: boolean;
  summary: ImportSummary;
  /** The accepted records' lengths and stated qualities. */
  profile: ReadProfile;
  /** The first `maxIssues` issues, in file order. */
  issues: RecordIssue[];
  /** Issues beyond `maxIssues`, counted but not kept. */
  issuesOmitted: number;
}

export interface ValidateOptions extends ReadOptions {
  /** Issues kept in the report (default 1000); the summary counts all of them. */
  maxIssues?: number;
}

/** A dry run over a file: what an import would accept and reject, writing nothing (the UI's report before a run). */
export async function validateFile(path: string, options: ValidateOptions = {}): Promise<ValidationReport> {
  const { maxIssues = 1000, ...readOptions } = options;
  const sniffed = await sniffFile(path);
  const alphabet = readOptions.alphabet && readOptions.alphabet !== 'auto' ? readOptions.alphabet : sniffed.alphabet;
  const report: ValidationReport = { format: sniffed.format, gzip: sniffed.gzip, alphabet, rna: alphabet === 'dna' && sniffed.rna, summary: new ImportSummary(), profile: new ReadProfile(), issues: [], issuesOmitted: 0 };
  for await (const event of readSequences(path, { ...readOptions, alphabet })) {
    report.summary.add(event);
    if (event.kind === 'record') report.profile.add(event.record);
    if (event.kind !== 'issue') continue;
    if (report.issues.length < maxIssues) report.issues.push(event.issue);
    else report.issuesOmitted += 1;
  }
  return report;
}
