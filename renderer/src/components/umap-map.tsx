import { useMemo } from 'react';
import type { Data, Layout, PlotlyHTMLElement } from 'plotly.js';
import type { ClusterMap } from '../../../main/api/contract/contract-results.ts';
import type { MapTraces } from '../model/map-colours.ts';
import { PlotlyChart } from './plotly-chart.tsx';

/** The UMAP map as WebGL scatter (scattergl draws 50,000+ points smoothly); ids ride in customdata for hover and lasso. */
export function UmapMap({ map, traces, colourLabel, onSelect, onReady }: { map: ClusterMap; traces: MapTraces; colourLabel: string; onSelect: (ids: string[]) => void; onReady?: (plot: PlotlyHTMLElement) => void }) {
  const data = useMemo((): Data[] => {
    const points = (indices: number[]) => ({ x: indices.map((i) => map.x[i]!), y: indices.map((i) => map.y[i]!), customdata: indices.map((i) => map.ids[i]!) });
    if (traces.groups) {
      return traces.groups.map((g) => ({ type: 'scattergl', mode: 'markers', name: `${g.name} (${g.indices.length})`, marker: { size: 4 }, hovertemplate: '%{customdata}<extra>' + g.name + '</extra>', ...points(g.indices) }));
    }
    const all = map.ids.map((_, i) => i);
    return [{ type: 'scattergl', mode: 'markers', name: colourLabel, ...points(all), marker: { size: 4, color: traces.values ?? [], colorscale: 'Viridis', showscale: true, colorbar: { title: { text: colourLabel } } }, hovertemplate: `%{customdata}<br>${colourLabel} %{marker.color:.3f}<extra></extra>` }];
  }, [map, traces, colourLabel]);
  const layout = useMemo((): Partial<Layout> => ({ dragmode: 'lasso', xaxis: { title: { text: 'UMAP 1' }, zeroline: false }, yaxis: { title: { text: 'UMAP 2' }, zeroline: false }, legend: { itemsizing: 'constant' } }), []);
  return <PlotlyChart data={data} layout={layout} label="UMAP map" fileName="umap-map" height={560} onSelect={onSelect} onReady={onReady} />;
}
