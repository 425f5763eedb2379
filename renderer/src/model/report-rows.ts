import type { InputValidation } from '../../../main/api/contract/contract-results.ts';
import { checksBySample, type SampleCheck } from '../../../main/io/sample-checks.ts';
import { lastPart } from './format.ts';

/** A row of the Import screen's validation report: one checked file, or every chunk file of one sample. */
export interface ReportRow extends SampleCheck<InputValidation> {
  key: string;
  name: string;
  /** Hover text: the file's path, or the sample's file names. */
  title: string;
}

/**
 * The report's rows: a file per row, except files that are one sample between them (MinKNOW's chunk files of a
 * barcode, hundreds in a run), which share a row named by the sample with their counts summed.
 */
export function reportRows(inputs: readonly InputValidation[]): ReportRow[] {
  return checksBySample(inputs).map((check) => {
    const [only] = check.files;
    return check.files.length === 1
      ? { ...check, key: only!.input, name: lastPart(only!.input), title: only!.input }
      : { ...check, key: `sample:${check.sample}`, name: `${check.sample} (${check.files.length} files)`, title: check.files.map((f) => lastPart(f.input)).join('\n') };
  });
}
