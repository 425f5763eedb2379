import { useState } from 'react';
import { ErrorLine } from './error-line.tsx';
import { formatCount } from '../model/format.ts';
import { useCall } from '../model/use-call.ts';

/** Rows the preview fetches: enough to browse a few hundred proteins; the files hold the whole result. */
const PREVIEW_ROWS = 2000;
/** Rows drawn at once: a plain table stays quick at this size, and the filter narrows the rest. */
const SHOWN_ROWS = 200;

/** The first GO terms of an annotate run, best first per protein, filterable by accession, GO id or name. */
export function GoSummaryPreview({ run }: { run: string }) {
  const summary = useCall('readGoSummary', { run, limit: PREVIEW_ROWS });
  const [filter, setFilter] = useState('');
  if (summary.error) return <ErrorLine error={summary.error} />;
  if (!summary.data) return null;
  const { rows, totalRows } = summary.data;
  const needle = filter.trim().toLowerCase();
  const matching = needle === '' ? rows : rows.filter((r) => `${r.accession} ${r.goId} ${r.description}`.toLowerCase().includes(needle));
  return (
    <div className="go-summary">
      <label htmlFor="go-filter">Filter GO terms</label>
      <input id="go-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} placeholder="accession, GO id or name" />
      <table className="report" aria-label="GO terms">
        <thead>
          <tr><th>Protein</th><th>GO term</th><th>Aspect</th><th>Name</th><th>Score</th><th>Hits</th></tr>
        </thead>
        <tbody>
          {matching.slice(0, SHOWN_ROWS).map((r) => (
            <tr key={`${r.accession} ${r.model} ${r.layer} ${r.goId}`}>
              <td>{r.accession}</td><td>{r.goId}</td><td>{r.category}</td><td>{r.description}</td><td>{r.finalScore.toFixed(3)}</td><td>{r.supportCount}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint" data-testid="go-rows">
        Showing {formatCount(Math.min(SHOWN_ROWS, matching.length))} of {formatCount(matching.length)} matching rows
        {totalRows > rows.length ? ` (the first ${formatCount(rows.length)} of ${formatCount(totalRows)}; summary.csv holds them all)` : ''}. The score ranks terms; it is not a probability.
      </p>
    </div>
  );
}
