import { useState } from 'react';
import { JobStatus } from './job-status.tsx';
import { formatCount, joinPath } from '../model/format.ts';
import { useJob } from '../model/use-job.ts';

/**
 * The step after merging pairs or filtering single reads: those reads denoised (the engine's denoise: UNOISE, then chimeras of more
 * abundant sequences dropped) into one file of true sequences and a count table of every sample's reads, which
 * replace the merged or filtered files and go to classification together.
 */
export function DenoiseReads({ files, dir, made, onDenoised }: { files: string[]; dir: string; made: 'merged' | 'filtered'; onDenoised: (file: string, table: { path: string; samples: string[] }) => void }) {
  const [minSize, setMinSize] = useState<number | ''>('');
  const denoise = useJob('denoise', (result) => onDenoised(result.out, { path: result.counts, samples: result.samples }));
  const active = denoise.state === 'starting' || denoise.state === 'running';
  const start = () => denoise.start({ input: files, out: joinPath(dir, 'zotus.fasta'), counts: joinPath(dir, 'zotus.tsv'), ...(minSize === '' ? {} : { minSize }) });
  return (
    <div aria-label={`denoise ${made} reads`} role="group">
      <p className="hint">
        Optionally, denoise the {made} reads: keep the true sequences (UNOISE; sequencing errors are counted for the sequence they came from, chimeras
        of two more abundant sequences dropped) with a table of each sample&apos;s reads, and classify those.
      </p>
      <label>
        Smallest count of a true sequence{' '}
        <input type="number" min={1} step={1} placeholder="8" aria-label="smallest count of a true sequence" value={minSize} onChange={(e) => setMinSize(e.target.value === '' ? '' : Math.max(1, Math.round(Number(e.target.value))))} />
      </label>{' '}
      <button type="button" onClick={start} disabled={active || denoise.state === 'done'}>Denoise</button>
      <JobStatus job={denoise} />
      {denoise.result && (
        <p data-testid="denoise-outcome">
          {formatCount(denoise.result.zotus)} true sequences from {formatCount(denoise.result.reads)} reads ({formatCount(denoise.result.mapped)} counted
          {denoise.result.chimeras.sequences > 0 ? `, ${formatCount(denoise.result.chimeras.sequences)} chimeras dropped` : ''}); they replace the {made} files, with
          their count table: {denoise.result.counts}
        </p>
      )}
    </div>
  );
}
