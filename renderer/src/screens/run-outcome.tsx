import type { JobResult } from '../../../main/api/contract/api-contract.ts';
import { GoSummaryPreview } from '../components/go-summary-preview.tsx';
import { LeftOutRecords } from '../components/left-out-records.tsx';
import { formatCount, lastPart } from '../model/format.ts';

type Outcome =
  | { kind: 'classify'; result: JobResult<'classify'>; onOpen: () => void }
  | { kind: 'annotate'; result: JobResult<'annotate'>; onOpen: () => void }
  | { kind: 'embed'; result: JobResult<'embed'> }
  | { kind: 'reference'; result: JobResult<'buildReference'> }
  | { kind: 'train'; result: JobResult<'train'> };

/** What a finished job did, including the execution provider that really ran (not the one asked for). */
export function RunOutcome(outcome: Outcome) {
  if (outcome.kind === 'classify') {
    const r = outcome.result;
    return (
      <div className="outcome" data-testid="run-outcome">
        <p>
          Classified {formatCount(r.reads)} reads {r.bundle ? <>with bundle <strong>{lastPart(r.bundle.dir)}</strong> (trained on {r.reference})</> : <>against <strong>{r.reference}</strong></>} ({r.model}, layer {r.layer}) in {r.seconds.toFixed(1)} s on{' '}
          <strong data-testid="provider">{r.provider ?? 'cached vectors'}</strong>; {formatCount(r.novel)} novel.
          {r.reverseStrand !== null && r.reverseStrand > 0 && <> {formatCount(r.reverseStrand)} read{r.reverseStrand === 1 ? '' : 's'} named from the reverse strand.</>}
          {r.chimeras !== null && <span data-testid="chimeras"> {formatCount(r.chimeras)} chimera{r.chimeras === 1 ? '' : 's'} of two references{r.chimeras > 0 ? ' (chimeras.tsv)' : ''}.</span>}
          {r.samples.length > 1 && <span data-testid="samples"> Samples: {r.samples.join(', ')}.</span>}
          {r.fitted && r.fitted.readErrorRate > 0 && <span data-testid="read-error-rate"> Calibrated for reads with {(100 * r.fitted.readErrorRate).toFixed(1)}% sequencing errors.</span>}
        </p>
        <ul className="assigned">
          {Object.entries(r.assigned).map(([rank, n]) => <li key={rank}>{rank}: {formatCount(n)} <span className="muted">(confidence ≥ {r.minConfidence[rank]})</span></li>)}
        </ul>
        {r.warnings.map((w) => <p key={w} className="warning">{w}</p>)}
        <button type="button" className="primary" onClick={outcome.onOpen}>Open results</button>
      </div>
    );
  }
  if (outcome.kind === 'annotate') {
    const r = outcome.result;
    const seeds = r.layers.find((l) => l.seeds)?.seeds;
    return (
      <div className="outcome" data-testid="run-outcome">
        <p>
          Annotated {formatCount(r.annotatedQueries)} of {formatCount(r.queries)} proteins with GO terms from <strong>{r.reference}</strong> in {r.seconds.toFixed(1)} s
          {r.layers.map((l) => <span key={`${l.model}/${l.layer}`}> ({l.model}, layer {l.layer}, on <strong data-testid="provider">{l.provider}</strong>)</span>)}
          {seeds && <>; homology seeds: {formatCount(seeds.aligned)} candidates aligned</>}. Files in <code>{r.out}</code>: summary.csv, raw_results/, topgo/ (TopGO input).
        </p>
        {r.warnings.map((w) => <p key={w} className="warning">{w}</p>)}
        <GoSummaryPreview run={r.out} />
        <button type="button" className="primary" onClick={outcome.onOpen}>Open in Results</button>
      </div>
    );
  }
  if (outcome.kind === 'embed') {
    const r = outcome.result;
    return (
      <p className="outcome" data-testid="run-outcome">
        {r.alreadyDone ? 'Already embedded: nothing left to do' : `Embedded ${formatCount(r.embedded)} sequences in ${r.seconds.toFixed(1)} s`} on{' '}
        <strong data-testid="provider">{r.provider}</strong> (dataset {r.datasetId}; {formatCount(r.rejected)} records rejected)
        {r.resumedFromBatch !== null && <span data-testid="resumed">; resumed after batch {r.resumedFromBatch}: the batches committed before the pause were not embedded again</span>}.
      </p>
    );
  }
  if (outcome.kind === 'train') {
    const r = outcome.result;
    const lowest = r.ranks.at(-1);
    return (
      <p className="outcome" data-testid="run-outcome">
        Trained <strong>{lastPart(r.out)}</strong> on {r.reference} ({r.model}, {formatCount(r.records)} references) in {r.seconds.toFixed(1)} s
        {lowest && <>; held out {formatCount(lowest.heldOut)}: {lowest.rank} accuracy {lowest.accuracy.toFixed(3)}, precision {lowest.precision === null ? '–' : lowest.precision.toFixed(3)}</>}.
        Choose it as the classifier to classify with it.
      </p>
    );
  }
  const r = outcome.result;
  return (
    <div className="outcome" data-testid="run-outcome">
      <p>
        Reference <strong>{r.reference.name}</strong>: {formatCount(r.reference.records)} records, {formatCount(r.reference.labelled.lineage)} with a lineage
        {r.reference.labelled.go > 0 && <>, {formatCount(r.reference.labelled.go)} with GO terms ({formatCount(r.reference.goTerms)} terms)</>}
        {r.alreadyEmbedded ? ' (already embedded)' : `, embedded ${formatCount(r.embedded)} in ${r.seconds.toFixed(1)} s`}
        {r.rejected > 0 && `; ${formatCount(r.rejected)} records of the file left out`}.
      </p>
      {r.rejected > 0 && <LeftOutRecords store={r.store} dataset={r.reference.datasetId} />}
      {r.warnings.map((w) => <p key={w} className="warning">{w}</p>)}
    </div>
  );
}
