import { useState } from 'react';
import { JobStatus } from './job-status.tsx';
import { formatCount, formatPercent, joinPath, lastPart } from '../model/format.ts';
import { numberOrBlank } from '../model/number-input.ts';
import { newRunDir } from '../model/run-dirs.ts';
import { useJob } from '../model/use-job.ts';
import { DenoiseReads } from './denoise-reads.tsx';
import { PrimerPairField, PrimerPairHint, typedPrimerPair } from './primer-pair-field.tsx';

/** Files named in the offer: a MinKNOW run has hundreds of chunk files. */
const NAMED_FILES = 4;
const named = (files: readonly string[]): string =>
  `${files.slice(0, NAMED_FILES).map(lastPart).join(', ')}${files.length > NAMED_FILES ? `, and ${files.length - NAMED_FILES} more` : ''}`;

/**
 * Single-read FASTQ files among the imported ones (not pairs, not written by an earlier step): offered for the
 * engine's filter (primers cut, truncation, expected errors) before a run; the filtered files replace them in the
 * list, and can then be denoised.
 */
export function SingleReadsFilter({ store, files, onFiltered, onDenoised }: {
  store: string; files: string[]; onFiltered: (originals: string[], filtered: string[]) => void; onDenoised: (filtered: string[], file: string, table: { path: string; samples: string[] }) => void;
}) {
  const [primers, setPrimers] = useState('');
  const [bothPrimers, setBothPrimers] = useState(false);
  const [truncateLength, setTruncateLength] = useState<number | ''>('');
  const [maxExpectedErrors, setMaxExpectedErrors] = useState<number | ''>('');
  // Blank: reads kept whole; else cut after the forward primer (null: not two primers yet).
  const region = typedPrimerPair(primers);
  const filter = useJob('filterReads', (result) => onFiltered(result.samples.flatMap((s) => s.inputs), result.samples.flatMap((s) => (s.file === null ? [] : [s.file]))));
  const active = filter.state === 'starting' || filter.state === 'running';
  const start = () => filter.start({
    input: files, out: newRunDir(store, 'filter'), ...(region ? { primers: region, requireBothPrimers: bothPrimers } : {}),
    ...(truncateLength === '' ? {} : { truncateLength }), ...(maxExpectedErrors === '' ? {} : { maxExpectedErrors }),
  });
  if (files.length === 0 && filter.state === 'idle') return null;
  const kept = filter.result?.samples.flatMap((s) => (s.file === null ? [] : [s.file])) ?? [];
  return (
    <section aria-label="single-end reads" className="paired-reads">
      {files.length > 0 && (
        <>
          <p>
            {files.length} FASTQ file{files.length === 1 ? ' holds' : 's hold'} single reads ({named(files)}). Optionally, filter them first: cut them to
            their primers, truncate them and drop reads with too many expected errors, as cutadapt and vsearch would.
          </p>
          <PrimerPairField label="Primers" ariaLabel="primers to cut single reads to" value={primers} onChange={setPrimers} />{' '}
          <label>
            <input type="checkbox" checked={bothPrimers} disabled={!region} onChange={(e) => setBothPrimers(e.target.checked)} /> reads span both primers (Nanopore, short markers)
          </label>
          <br />
          <label>
            Truncate to{' '}
            <input type="number" min={1} step={1} placeholder="any length" aria-label="truncate reads to" value={truncateLength} onChange={(e) => setTruncateLength(numberOrBlank(e.target.value))} /> bases
          </label>{' '}
          <label>
            Drop reads with more than{' '}
            <input type="number" min={0.01} step={0.5} placeholder="1" aria-label="most expected errors per read" value={maxExpectedErrors} onChange={(e) => setMaxExpectedErrors(numberOrBlank(e.target.value))} /> expected errors
          </label>{' '}
          <button type="button" onClick={start} disabled={active || region === null}>Filter reads</button>
          <PrimerPairHint region={region}>
            With primers, each read keeps what follows the forward primer, up to the reverse primer where it reaches it; reads without the forward primer are dropped. Truncating to one length helps denoising.
          </PrimerPairHint>
        </>
      )}
      <JobStatus job={filter} />
      {filter.result && (
        <div data-testid="filter-outcome">
          <p>
            Kept {formatCount(filter.result.kept)} of {formatCount(filter.result.reads)} reads ({formatPercent(filter.result.kept, filter.result.reads)}); the filtered files
            replace the originals below. Report: {joinPath(filter.result.out, 'filter_report.tsv')}
          </p>
          <ul>
            {filter.result.samples.map((s) => (
              <li key={s.sample}>{s.sample}: {formatCount(s.kept)} of {formatCount(s.reads)} kept{s.meanLength === null ? ' (no file written)' : `, mean length ${s.meanLength.toFixed(0)}`}</li>
            ))}
          </ul>
          {kept.length > 0 && <DenoiseReads files={kept} dir={filter.result.out} made="filtered" onDenoised={(file, table) => onDenoised(kept, file, table)} />}
        </div>
      )}
    </section>
  );
}
