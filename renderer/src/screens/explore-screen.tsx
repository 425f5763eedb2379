import { useMemo, useState } from 'react';
import { ErrorLine } from '../components/error-line.tsx';
import { UmapMap } from '../components/umap-map.tsx';
import { useApp } from '../model/app-context.ts';
import { lastPart } from '../model/format.ts';
import { mapColours, type ColourBy } from '../model/map-colours.ts';
import { useCall } from '../model/use-call.ts';

/** Writes the lasso selection as a TSV download (the browser, or Electron's save dialog, asks where). */
function downloadSelection(ids: string[], name: string): void {
  const url = URL.createObjectURL(new Blob([`id\n${ids.join('\n')}\n`], { type: 'text/tab-separated-values' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The run's UMAP map, coloured by cluster, taxon, confidence or novelty; lasso a group to export its ids. */
export function ExploreScreen() {
  const { run, store } = useApp();
  const runs = useCall('listRuns', store ? { store } : null);
  const mapRuns = (runs.data ?? []).filter((r) => r.hasMap);
  const [chosen, setChosen] = useState<string | null>(null);
  const mapRun = chosen ?? (mapRuns.some((r) => r.dir === run) ? run : mapRuns[0]?.dir ?? null);
  const map = useCall('readClusterMap', mapRun ? { run: mapRun } : null);
  const hasAssignments = (runs.data ?? []).some((r) => r.dir === mapRun && r.hasAssignments);
  const assignments = useCall('readRun', mapRun && hasAssignments ? { run: mapRun } : null);
  const [by, setBy] = useState<ColourBy>('cluster');
  const ranks = assignments.data?.ranks ?? [];
  const [rank, setRank] = useState<number | null>(null);
  const rankIndex = rank ?? Math.max(0, ranks.length - 2);
  const [selected, setSelected] = useState<string[]>([]);
  const traces = useMemo(() => (map.data ? mapColours(map.data, by, assignments.data?.reads ?? null, rankIndex) : null), [map.data, by, assignments.data, rankIndex]);

  if (!store) return <p>Open a store on the Home screen first.</p>;
  return (
    <section aria-labelledby="explore-title">
      <h1 id="explore-title">Explore</h1>
      {mapRuns.length === 0 && !runs.loading && <p>No run of this store has a map yet: a cluster run writes umap.tsv and clusters.tsv into its folder.</p>}
      <div className="filters">
        {mapRuns.length > 0 && (
          <label>
            Run
            <select value={mapRun ?? ''} onChange={(e) => setChosen(e.target.value)} aria-label="map run">
              {mapRuns.map((r) => <option key={r.dir} value={r.dir}>{lastPart(r.dir)}</option>)}
            </select>
          </label>
        )}
        <label>
          Colour by
          <select value={by} onChange={(e) => setBy(e.target.value as ColourBy)} aria-label="colour by">
            <option value="cluster">cluster</option>
            <option value="taxon" disabled={!assignments.data}>taxon</option>
            <option value="confidence" disabled={!assignments.data}>confidence</option>
            <option value="novelty" disabled={!assignments.data}>novelty</option>
          </select>
        </label>
        {ranks.length > 0 && (by === 'taxon' || by === 'confidence') && (
          <label>
            at
            <select value={rankIndex} onChange={(e) => setRank(Number(e.target.value))} aria-label="map rank">
              {ranks.map((r, i) => <option key={r} value={i}>{r}</option>)}
            </select>
          </label>
        )}
        <span data-testid="selection-count">{selected.length} selected</span>
        <button type="button" disabled={selected.length === 0} onClick={() => downloadSelection(selected, 'selection.tsv')}>Export selection</button>
      </div>
      <ErrorLine error={map.error ?? runs.error} />
      {map.data && traces && <UmapMap map={map.data} traces={traces} colourLabel={by} onSelect={setSelected} />}
    </section>
  );
}
