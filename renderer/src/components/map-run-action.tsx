import { useState } from 'react';
import { JobStatus } from './job-status.tsx';
import type { RunListing } from '../../../main/api/contract/contract-results.ts';
import { useApp } from '../model/app-context.ts';
import { formatCount, lastPart } from '../model/format.ts';
import { newRunDir } from '../model/run-dirs.ts';
import { useJob } from '../model/use-job.ts';

/**
 * Maps and clusters a classify run's reads (UMAP + HDBSCAN over their stored embeddings) into a new cluster run
 * beside it, summarised against the run's assignments so the map can be coloured by taxon and novelty.
 */
export function MapRunAction({ store, classifyRuns, onMapped }: { store: string; classifyRuns: RunListing[]; onMapped: (dir: string) => void }) {
  const { run } = useApp();
  const [target, setTarget] = useState<string | null>(null);
  const chosen = target ?? (classifyRuns.some((r) => r.dir === run) ? run : classifyRuns[0]?.dir ?? null);
  const [minClusterSize, setMinClusterSize] = useState(15);
  const cluster = useJob('cluster', (result) => onMapped(result.out));
  const busy = cluster.state === 'starting' || cluster.state === 'running';
  if (classifyRuns.length === 0 || chosen === null) return null;

  const start = () =>
    // The engine takes the run's store, datasets, model, layer and assignments from the run folder itself.
    cluster.start({ run: chosen, out: newRunDir(store, 'cluster'), minClusterSize });

  return (
    <form className="filters map-action" aria-label="map a classify run" onSubmit={(e) => { e.preventDefault(); start(); }}>
      <label>
        Map and cluster
        <select value={chosen} onChange={(e) => setTarget(e.target.value)} aria-label="classify run to map" disabled={busy}>
          {classifyRuns.map((r) => <option key={r.dir} value={r.dir}>{lastPart(r.dir)}</option>)}
        </select>
      </label>
      <label>
        Smallest cluster
        <input type="number" min={2} max={1000} value={minClusterSize} onChange={(e) => setMinClusterSize(Math.max(2, Number(e.target.value) || 2))} aria-label="smallest cluster" disabled={busy} />
      </label>
      <button type="submit" className="primary" disabled={busy}>Compute map</button>
      {busy && <button type="button" onClick={cluster.cancel}>Cancel</button>}
      <JobStatus job={cluster} />
      {cluster.result && (
        <p className="outcome" data-testid="map-outcome">
          {formatCount(cluster.result.points)} reads in {formatCount(cluster.result.clusters)} clusters ({formatCount(cluster.result.noise)} unclustered,{' '}
          {formatCount(cluster.result.putativeNovel)} putatively novel) in {cluster.result.seconds.toFixed(1)} s.
        </p>
      )}
    </form>
  );
}
