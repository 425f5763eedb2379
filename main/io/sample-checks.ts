import type { ImportSummaryJSON } from './import-summary.ts';
import { summariseProfiles, type ReadProfileJSON, type ReadProfileSummary } from './read-profile.ts';
import { sampleNamesOfFiles } from './sequence-file-names.ts';

/** A file as validation checked it: its path, counts, and (when known) its accepted reads' profile. */
export interface CheckedFile {
  input: string;
  summary: ImportSummaryJSON;
  profile?: ReadProfileJSON;
}

/** One sample's checked files together (one file, or a MinKNOW barcode's chunk files). */
export interface SampleCheck<F extends CheckedFile> {
  sample: string;
  /** In the order given. */
  files: F[];
  read: number;
  accepted: number;
  rejected: number;
  /** The files' read lengths and stated error rate together; null when a file has no profile. */
  profile: ReadProfileSummary | null;
}

/**
 * Checked files by the sample their reads belong to (sampleNamesOfFiles), samples in the order of their first file,
 * counts summed and profiles merged: the Import screen's report rows and `seqatlas inspect`'s lines.
 */
export function checksBySample<F extends CheckedFile>(files: readonly F[]): SampleCheck<F>[] {
  const samples = sampleNamesOfFiles(files.map((f) => f.input));
  const groups = new Map<string, F[]>();
  files.forEach((f, i) => groups.set(samples[i]!, [...(groups.get(samples[i]!) ?? []), f]));
  return [...groups].map(([sample, members]) => {
    const sum = (pick: (summary: ImportSummaryJSON) => number) => members.reduce((total, f) => total + pick(f.summary), 0);
    const profiles = members.flatMap((f) => (f.profile ? [f.profile] : []));
    return {
      sample, files: members, read: sum((s) => s.read), accepted: sum((s) => s.accepted), rejected: sum((s) => s.rejected),
      profile: profiles.length === members.length ? summariseProfiles(profiles) : null,
    };
  });
}
