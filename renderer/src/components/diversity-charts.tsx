import { useMemo, useState } from 'react';
import type { Data } from 'plotly.js';
import type { RunTable } from '../../../main/api/contract/contract-results.ts';
import { diversityTable } from '../../../main/diversity/diversity-table.ts';
import { sampleDiversity } from '../../../main/diversity/sample-diversity.ts';
import { formatCount } from '../model/format.ts';
import { PlotlyChart } from './plotly-chart.tsx';

/**
 * The run's samples compared (the engine's diversity export, computed here from the run's table): richness and
 * Shannon per sample, rarefaction curves, and the samples on the principal coordinates of their Bray–Curtis
 * dissimilarities. Only with two samples or more: one sample has nothing to be compared with.
 */
export function DiversityCharts({ table }: { table: RunTable }) {
  const [rank, setRank] = useState(Math.max(0, table.ranks.length - 1));
  const diversity = useMemo(
    () => sampleDiversity(diversityTable(table, { features: 'taxa', rank: table.ranks[rank], chimeras: new Set(table.chimeras) }).table),
    [table, rank],
  );
  const curves = useMemo((): Data[] => diversity.curves.map((curve, s) => ({
    type: 'scatter', mode: 'lines', name: diversity.samples[s]!, x: [0, ...curve.map((p) => p.depth)], y: [0, ...curve.map((p) => p.richness)],
    hovertemplate: `${diversity.samples[s]}: %{y:.1f} taxa in %{x} reads<extra></extra>`,
  })), [diversity]);
  const ordination = useMemo((): Data[] => (diversity.ordination ? [{
    type: 'scatter', mode: 'text+markers', text: diversity.samples, textposition: 'top center', marker: { size: 10 },
    x: diversity.ordination.coordinates.map((p) => p[0]!), y: diversity.ordination.coordinates.map((p) => p[1]!),
    hovertemplate: '%{text}<extra></extra>',
  }] : []), [diversity]);
  const share = (axis: number) => `${(100 * (diversity.ordination?.explained[axis] ?? 0)).toFixed(1)}%`;
  const curveLayout = useMemo(() => ({ xaxis: { title: { text: 'reads' } }, yaxis: { title: { text: 'taxa expected' } } }), []);
  const ordinationLayout = useMemo(() => ({ showlegend: false, xaxis: { title: { text: `PC1 (${share(0)})` } }, yaxis: { title: { text: `PC2 (${share(1)})` } } }), [diversity]);
  if (diversity.samples.length < 2) return null;
  return (
    <section aria-label="diversity">
      <h2>
        Diversity of samples by{' '}
        <select value={rank} onChange={(e) => setRank(Number(e.target.value))} aria-label="diversity rank">
          {table.ranks.map((r, i) => <option key={r} value={i}>{r}</option>)}
        </select>
      </h2>
      <table className="report" aria-label="alpha diversity">
        <thead><tr><th>sample</th><th>reads</th><th>taxa</th><th>Chao1</th><th>Shannon</th><th>Simpson</th><th>taxa in {formatCount(diversity.commonDepth)} reads</th></tr></thead>
        <tbody>
          {diversity.samples.map((sample, s) => {
            const a = diversity.alpha[s]!;
            return <tr key={sample}><td>{sample}</td><td>{formatCount(a.reads)}</td><td>{a.observed}</td><td>{a.chao1.toFixed(1)}</td><td>{a.shannon.toFixed(2)}</td><td>{a.simpson.toFixed(2)}</td><td>{diversity.rarefiedRichness[s]!.toFixed(1)}</td></tr>;
          })}
        </tbody>
      </table>
      <p className="hint">Reads named at no rank, and chimeras, are left out. Richness rarefied to the smallest sample&apos;s reads compares samples sequenced to different depths.</p>
      <div className="charts">
        <div><PlotlyChart data={curves} layout={curveLayout} label="rarefaction curves" fileName={`rarefaction-${table.ranks[rank] ?? 'rank'}`} /></div>
        {ordination.length > 0 && <div><PlotlyChart data={ordination} layout={ordinationLayout} label="principal coordinates (Bray–Curtis)" fileName={`pcoa-${table.ranks[rank] ?? 'rank'}`} /></div>}
      </div>
    </section>
  );
}
