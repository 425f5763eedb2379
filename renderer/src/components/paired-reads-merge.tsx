import { useState } from 'react';
import { JobStatus } from './job-status.tsx';
import type { PairedFiles } from '../../../main/pairs/read-pair-files.ts';
import { formatCount, formatPercent, joinPath } from '../model/format.ts';
import { numberOrBlank } from '../model/number-input.ts';
import { newRunDir } from '../model/run-dirs.ts';
import { useJob } from '../model/use-job.ts';
import { DenoiseReads } from './denoise-reads.tsx';
import { PrimerPairField, PrimerPairHint, typedPrimerPair } from './primer-pair-field.tsx';

/**
 * Paired-end files among the imported ones (NAME_R1 / NAME_R2): classify takes one read per amplicon, so each pair
 * is merged first (the engine's merge-pairs) and the merged files replace the pairs in the list.
 */
export function PairedReadsMerge({ store, pairs, onMerged, onDenoised }: {
  store: string; pairs: PairedFiles[]; onMerged: (files: string[]) => void; onDenoised: (merged: string[], file: string, table: { path: string; samples: string[] }) => void;
}) {
  const [maxExpectedErrors, setMaxExpectedErrors] = useState<number | ''>('');
  const [primers, setPrimers] = useState('');
  // Blank: merged reads kept whole; else cut to the region between two primers (null: not two primers yet).
  const region = typedPrimerPair(primers);
  const merge = useJob('mergePairs', (result) => onMerged(result.samples.map((sample) => sample.file)));
  const samples = [...new Set(pairs.map((pair) => pair.sample))];
  const active = merge.state === 'starting' || merge.state === 'running';
  const start = () => merge.start({
    input: pairs.flatMap((pair) => [pair.forward, pair.reverse]), out: newRunDir(store, 'merge'),
    maxExpectedErrors: maxExpectedErrors === '' ? null : maxExpectedErrors, ...(region ? { region } : {}),
  });
  // Once merged, the pairs leave the list; the outcome stays until the next import.
  if (pairs.length === 0 && merge.state === 'idle') return null;
  return (
    <section aria-label="paired-end reads" className="paired-reads">
      {pairs.length > 0 && (
        <>
          <p>
            {pairs.length * 2} files are the forward and reverse reads of {samples.length} paired-end sample{samples.length === 1 ? '' : 's'} ({samples.join(', ')}).
            Classification takes one read per amplicon: merge each pair into one read first.
          </p>
          <label>
            Drop merged reads with more than{' '}
            <input type="number" min={0.01} step={0.5} placeholder="any number of" aria-label="most expected errors" value={maxExpectedErrors} onChange={(e) => setMaxExpectedErrors(numberOrBlank(e.target.value))} />{' '}
            expected errors
          </label>{' '}
          <PrimerPairField label="Primers (optional)" ariaLabel="primers to cut merged reads to" value={primers} onChange={setPrimers} />{' '}
          <button type="button" onClick={start} disabled={active || region === null}>Merge pairs</button>
          <PrimerPairHint region={region}>
            With primers, each merged read is cut to the region between them (primers removed, as the references of a region are cut), and reads without both are dropped.
          </PrimerPairHint>
        </>
      )}
      <JobStatus job={merge} />
      {merge.result && (
        <div data-testid="merge-outcome">
          <p>
            Merged {formatCount(merge.result.merged)} of {formatCount(merge.result.readPairs)} read pairs ({formatPercent(merge.result.merged, merge.result.readPairs)}); the merged
            files replace the pairs below. Report: {joinPath(merge.result.out, 'merge_report.tsv')}
          </p>
          <ul>
            {merge.result.samples.map((s) => (
              <li key={s.sample}>{s.sample}: {formatCount(s.merged)} of {formatCount(s.readPairs)} merged{s.meanLength === null ? '' : `, mean length ${s.meanLength.toFixed(0)}`}</li>
            ))}
          </ul>
          <DenoiseReads
            files={merge.result.samples.map((s) => s.file)} dir={merge.result.out} made="merged"
            onDenoised={(file, table) => onDenoised(merge.result!.samples.map((s) => s.file), file, table)}
          />
        </div>
      )}
    </section>
  );
}
