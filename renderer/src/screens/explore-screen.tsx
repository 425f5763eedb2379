import { useMemo, useState } from 'react';
import { ErrorLine } from '../components/error-line.tsx';
import { MapRunAction } from '../components/map-run-action.tsx';
import { SelectionExport } from '../components/selection-export.tsx';
import { UmapMap } from '../components/umap-map.tsx';
import { useApp } from '../model/app-context.ts';
import { lastPart } from '../model/format.ts';
import { mapColours, type ColourBy } from '../model/map-colours.ts';
import { useCall } from '../model/use-call.ts';

/** The run's UMAP map, coloured by cluster, taxon, confidence or novelty; lasso a group to export it (ids, CSV, FASTA). */
export function ExploreScreen() {
  const { run, store } = useApp();
  const runs = useCall('listRuns', store ? { store } : null);
  const mapRuns = (runs.data ?? []).filter((r) => r.hasMap);
  const classifyRuns = (runs.data ?? []).filter((r) => r.hasAssignments);
  const [chosen, setChosen] = useState<string | null>(null);
  const mapRun = chosen ?? (mapRuns.some((r) => r.dir === run) ? run : mapRuns[0]?.dir ?? null);
  const map = useCall('readClusterMap', mapRun ? { run: mapRun } : null);
  const hasAssignments = (runs.data ?? []).some((r) => r.dir === mapRun && r.hasAssignments);
  // Taxa come from the map run itself when it is a classify run, else from the classify run its clustering summarised.
  const taxaRun = hasAssignments ? mapRun : map.data?.classifyRun ?? null;
  const assignments = useCall('readRun', taxaRun ? { run: taxaRun } : null);
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
      {mapRuns.length === 0 && !runs.loading && <p>No run of this store has a map yet: compute one from a classify run below, or run <code>seqatlas cluster</code>.</p>}
      <MapRunAction store={store} classifyRuns={classifyRuns} onMapped={(dir) => { setChosen(dir); runs.reload(); }} />
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
        {map.data && <SelectionExport map={map.data} selected={selected} reads={assignments.data?.reads ?? null} />}
      </div>
      <ErrorLine error={map.error ?? runs.error} />
      {map.data && traces && <UmapMap map={map.data} traces={traces} colourLabel={by} onSelect={setSelected} />}
    </section>
  );
}
