import type { InputValidation } from '../../../main/api/contract/contract-results.ts';
import { summariseProfiles, type ReadProfileSummary } from '../../../main/io/read-profile.ts';
import { sampleNamesOfFiles } from '../../../main/io/sequence-file-names.ts';
import { lastPart } from './format.ts';

/** A row of the Import screen's validation report: one checked file, or every chunk file of one sample. */
export interface ReportRow {
  key: string;
  name: string;
  /** Hover text: the file's path, or the sample's file names. */
  title: string;
  /** The files the row stands for (one, or a sample's chunks), in list order. */
  files: InputValidation[];
  read: number;
  accepted: number;
  rejected: number;
  /** The accepted reads' lengths and stated error rate, over the row's files; null when a file was kept without them. */
  profile: ReadProfileSummary | null;
}

/**
 * The report's rows: a file per row, except files that are one sample between them (MinKNOW's chunk files of a
 * barcode, hundreds in a run), which share a row named by the sample with their counts summed.
 */
export function reportRows(inputs: readonly InputValidation[]): ReportRow[] {
  const samples = sampleNamesOfFiles(inputs.map((r) => r.input));
  const groups = new Map<string, InputValidation[]>();
  inputs.forEach((r, i) => groups.set(samples[i]!, [...(groups.get(samples[i]!) ?? []), r]));
  const rows: ReportRow[] = [];
  const seen = new Set<string>();
  inputs.forEach((r, i) => {
    const group = groups.get(samples[i]!)!;
    if (group.length === 1) rows.push(row(r.input, lastPart(r.input), r.input, [r]));
    else if (!seen.has(samples[i]!)) {
      seen.add(samples[i]!);
      rows.push(row(`sample:${samples[i]!}`, `${samples[i]!} (${group.length} files)`, group.map((f) => lastPart(f.input)).join('\n'), group));
    }
  });
  return rows;
}

function row(key: string, name: string, title: string, files: InputValidation[]): ReportRow {
  const sum = (pick: (r: InputValidation) => number) => files.reduce((total, r) => total + pick(r), 0);
  const profiles = files.flatMap((r) => (r.profile ? [r.profile] : []));
  return {
    key, name, title, files, read: sum((r) => r.summary.read), accepted: sum((r) => r.summary.accepted), rejected: sum((r) => r.summary.rejected),
    profile: profiles.length === files.length ? summariseProfiles(profiles) : null,
  };
}
