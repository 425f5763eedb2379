import type { ReadProfileSummary } from '../../../main/io/read-profile.ts';
import { formatCount } from '../model/format.ts';

/**
 * The Import report's length and error cells of a row: the median read length (the range and N50 on hover), and the
 * error rate the FASTQ qualities state, which tell a user what to truncate, which lengths to keep, and whether the
 * reads are Illumina-clean or need classify's calibration for noisy reads. Blank for files kept without them.
 */
export function ReadProfileCells({ profile }: { profile: ReadProfileSummary | null }) {
  if (!profile) return <><td /><td /></>;
  const range = `lengths ${formatCount(profile.minLength)}–${formatCount(profile.maxLength)}, median ${formatCount(profile.medianLength)}, N50 ${formatCount(profile.n50)}`;
  const errors = profile.errorRate === null ? null : `${(100 * profile.errorRate).toFixed(profile.errorRate < 0.01 ? 2 : 1)}%`;
  return (
    <>
      <td data-testid="read-length" title={range}>{formatCount(profile.medianLength)}</td>
      <td data-testid="read-errors" title={errors ? 'expected errors per base, as the qualities state them' : 'FASTA states no qualities'}>{errors ?? '—'}</td>
    </>
  );
}
