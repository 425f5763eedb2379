import { useMemo, useState } from 'react';
import { AssignmentsTable } from '../components/assignments-table.tsx';
import { CompositionCharts } from '../components/composition-charts.tsx';
import { DiversityCharts } from '../components/diversity-charts.tsx';
import { ErrorLine } from '../components/error-line.tsx';
import { GoSummaryPreview } from '../components/go-summary-preview.tsx';
import { NO_FILTER, filterReads, type AssignmentFilter, type NoveltyFilter } from '../model/assignment-rows.ts';
import { useApp } from '../model/app-context.ts';
import { formatCount, lastPart } from '../model/format.ts';
import { useCall } from '../model/use-call.ts';

/** The open classification and, when one is open, the GO terms of an annotate run. */
export function ResultsScreen() {
  const { run, goRun } = useApp();
  if (!run && !goRun) return <p>Run a classification or a GO annotation, or open one from the Home screen.</p>;
  return (
    <>
      {goRun && (
        <section aria-labelledby="go-results-title">
          <h1 id="go-results-title">GO terms <small>{lastPart(goRun)}</small></h1>
          <GoSummaryPreview run={goRun} />
        </section>
      )}
      {run && <Classification run={run} />}
    </>
  );
}

/** A classification: every read in a searchable, filterable table, and each sample's composition. */
function Classification({ run }: { run: string }) {
  const table = useCall('readRun', { run });
  const [filter, setFilter] = useState<AssignmentFilter>(NO_FILTER);
  const reads = table.data?.reads;
  const chimeras = useMemo(() => new Set(table.data?.chimeras), [table.data]);
  const rows = useMemo(() => (reads ? filterReads(reads, filter, chimeras) : []), [reads, filter, chimeras]);
  // A read a count table counts in several samples has a row per sample.
  const distinct = useMemo(() => new Set(reads?.map((read) => read.queryId)).size, [reads]);
  const set = (change: Partial<AssignmentFilter>) => setFilter((f) => ({ ...f, ...change }));

  return (
    <section aria-labelledby="results-title">
      <h1 id="results-title">Results <small>{lastPart(run)}</small></h1>
      <ErrorLine error={table.error} />
      {table.loading && <p role="status">reading assignments…</p>}
      {table.data && (
        <>
          <div className="filters" role="search">
            <label>
              Search <input type="search" value={filter.text} onChange={(e) => set({ text: e.target.value })} placeholder="read id or taxon" aria-label="search reads" />
            </label>
            <label>
              Assigned to
              <select value={filter.rank} onChange={(e) => set({ rank: Number(e.target.value) })} aria-label="assigned down to rank">
                <option value={-1}>any rank</option>
                {table.data.ranks.map((rank, i) => <option key={rank} value={i}>{rank}</option>)}
              </select>
            </label>
            <label>
              Confidence ≥ <input type="number" min={0} max={1} step={0.05} value={filter.minConfidence} onChange={(e) => set({ minConfidence: Number(e.target.value) })} aria-label="minimum confidence" />
            </label>
            <label>
              Novelty
              <select value={filter.novelty} onChange={(e) => set({ novelty: e.target.value as NoveltyFilter })} aria-label="novelty">
                <option value="all">all reads</option>
                <option value="novel">novel only</option>
                <option value="known">known only</option>
                {chimeras.size > 0 && <option value="chimera">chimeras of two references</option>}
              </select>
            </label>
            <span data-testid="row-count">
              {formatCount(rows.length)} of {formatCount(table.data.reads.length)} {distinct === table.data.reads.length ? 'reads' : `rows (${formatCount(distinct)} reads, a row per sample each is counted in)`}
            </span>
          </div>
          <AssignmentsTable reads={table.data.reads} rows={rows} chimeras={chimeras} />
          <CompositionCharts ranks={table.data.ranks} reads={table.data.reads} />
          <DiversityCharts table={table.data} />
        </>
      )}
    </section>
  );
}
