import { useMemo, useState } from 'react';
import type { Data } from 'plotly.js';
import type { ReadAssignment } from '../../../main/classify/read-assignment.ts';
import { compositionAt, lineageTree } from '../model/composition.ts';
import { PlotlyChart } from './plotly-chart.tsx';

/** Per-sample composition at a rank (stacked bars of relative abundance) and the whole run's lineages (sunburst). */
export function CompositionCharts({ ranks, reads }: { ranks: string[]; reads: readonly ReadAssignment[] }) {
  const [rank, setRank] = useState(Math.max(0, ranks.length - 2));
  const bars = useMemo((): Data[] => {
    const { samples, taxa, counts } = compositionAt(reads, rank);
    const totals = samples.map((s) => taxa.reduce((n, t) => n + (counts.get(t)?.get(s) ?? 0), 0));
    return taxa.map((taxon) => ({
      type: 'bar', name: taxon, x: samples,
      y: samples.map((s, i) => (100 * (counts.get(taxon)?.get(s) ?? 0)) / Math.max(1, totals[i]!)),
      hovertemplate: `${taxon}: %{y:.1f}%<extra>%{x}</extra>`,
    }));
  }, [reads, rank]);
  const sunburst = useMemo((): Data[] => {
    const tree = lineageTree(reads);
    return [{ type: 'sunburst', ids: tree.ids, labels: tree.labels, parents: tree.parents, values: tree.values, branchvalues: 'total', maxdepth: 4 }];
  }, [reads]);
  const barLayout = useMemo(() => ({ barmode: 'stack' as const, yaxis: { title: { text: '% of reads (abundance)' }, range: [0, 100] }, legend: { orientation: 'v' as const } }), []);
  const sunLayout = useMemo(() => ({ margin: { t: 8, r: 8, b: 8, l: 8 } }), []);
  return (
    <div className="charts">
      <div>
        <h2>
          Composition by{' '}
          <select value={rank} onChange={(e) => setRank(Number(e.target.value))} aria-label="composition rank">
            {ranks.map((r, i) => <option key={r} value={i}>{r}</option>)}
          </select>
        </h2>
        <PlotlyChart data={bars} layout={barLayout} label="per-sample composition" fileName={`composition-${ranks[rank] ?? 'rank'}`} />
      </div>
      <div>
        <h2>Lineages</h2>
        <PlotlyChart data={sunburst} layout={sunLayout} label="lineage sunburst" fileName="lineages" />
      </div>
    </div>
  );
}
