import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { stringify } from 'yaml';
import type { EventSink, JobControl, JobEvent } from '../api/job-events.ts';
import { parseRequest } from '../api/parse-request.ts';
import { ProgressMeter } from '../api/progress-meter.ts';
import { CHIMERAS_FILE } from '../classify/chimera-search.ts';
import { readAssignments } from '../export/assignments-tsv.ts';
import { readChimeraIds } from '../export/run-folder.ts';
import { umapLayout } from '../map/umap-layout.ts';
import { EngineError } from '../shared/engine-error.ts';
import { libraryVersions } from '../shared/version.ts';
import { loadStoredVectors } from '../store/stored-vectors.ts';
import { Store } from '../store/store.ts';
import { writeClusterFiles } from './cluster-files.ts';
import { ClusterRequest, type ClusterResult, type ClusterSettings } from './cluster-request.ts';
import { summariseClusters } from './cluster-summary.ts';
import { hdbscanHighDimensional } from './hdbscan-high-dim.ts';
import { describeDuplicates } from './duplicate-rows.ts';
import { unitRows } from './unit-rows.ts';
import { resolveRunSource, type ReverseStrandReads } from './classify-run-source.ts';
import { readVectorTable, type VectorTable } from './vectors-tsv.ts';

export interface ClusterContext {
  emit: EventSink;
  control: JobControl;
}

/**
 * `cluster`: UMAP of a dataset's embeddings (or a vectors TSV) and HDBSCAN of the map (default) or of the
 * embeddings, with per-cluster summaries. Writes umap.tsv, clusters.tsv, clusters.json, experiment_config.yaml and
 * run.json to `out`; nothing is written when a stage fails or the run is cancelled.
 */
export async function runCluster(requestInput: ClusterRequest, context: ClusterContext): Promise<ClusterResult> {
  const started = performance.now();
  const settings = await resolveRunSource(parseRequest(ClusterRequest, requestInput, 'cluster request'));
  const jobId = `cluster:${settings.dataset ?? settings.vectors}`;
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    context.emit({ type: 'warning', jobId, message });
  };
  const progress = (stage: Extract<JobEvent, { type: 'progress' }>['stage'], unit: string) => {
    const meter = new ProgressMeter();
    return (done: number, total: number | null) => context.emit({ type: 'progress', jobId, stage, done, total, unit, ...meter.update(done, total) });
  };
  const checkpoint = () => {
    if (context.control.signal.aborted) throw new EngineError('cancelled', 'cluster cancelled; nothing was written');
  };

  const loadProgress = progress('prepare', 'vectors');
  loadProgress(0, null);
  const source = await loadVectors(settings);
  const classification = settings.assignments ? await readAssignments(settings.assignments) : null;
  // The classify run's chimeras, listed beside its assignments: a cluster of them is no new taxon.
  const chimeras = settings.assignments ? await readChimeraIds(join(dirname(settings.assignments), CHIMERAS_FILE)) : new Set<string>();
  const loaded = performance.now();
  const { count: n, dim } = source.table;
  loadProgress(n, n);
  const duplicates = describeDuplicates(source.table.vectors, n, dim);
  if (duplicates) warn(duplicates);
  if (n < settings.minClusterSize) warn(`only ${n} points, fewer than min_cluster_size ${settings.minClusterSize}: every point is noise`);
  if (classification) {
    const known = new Set(classification.reads.map((read) => read.queryId));
    const missing = source.table.ids.filter((id) => !known.has(id)).length;
    if (missing === n) throw new EngineError('bad_request', `${settings.assignments}: none of its reads are among the ${n} points (wrong classify run?)`);
    if (missing > 0) warn(`${missing} of ${n} points have no row in ${settings.assignments}: counted as unassigned`);
  }

  checkpoint();
  const neighboursProgress = progress('neighbours', 'points');
  const epochProgress = progress('map', 'epochs');
  const layout = await umapLayout(source.table.vectors, n, dim, {
    dims: settings.dims, metric: settings.metric, neighbours: settings.neighbours, minDist: settings.minDist, epochs: settings.epochs,
    seed: settings.seed, device: settings.device, threads: settings.threads, signal: context.control.signal,
    onProgress: (p) => (p.stage === 'neighbours' ? neighboursProgress : epochProgress)(p.done, p.total),
  }).catch((error: unknown) => {
    checkpoint();
    throw error;
  });
  const mapped = performance.now();

  checkpoint();
  const clusterProgress = progress('cluster', 'points');
  clusterProgress(0, n);
  const space = settings.on === 'umap' ? { points: layout.coordinates, dim: settings.dims } : { points: settings.metric === 'cosine' ? unitRows(source.table.vectors, n, dim) : source.table.vectors, dim };
  const clustered = await hdbscanHighDimensional(space.points, n, space.dim, {
    minClusterSize: settings.minClusterSize, minSamples: settings.minSamples, clusterSelectionEpsilon: settings.epsilon, selection: settings.selection,
  });
  clusterProgress(n, n);
  const clusteredAt = performance.now();

  const summary = summariseClusters({ ids: source.table.ids, space: space.points, dim: space.dim, ...clustered }, classification, chimeras);
  const putativeNovel = summary.clusters.filter((c) => c.putative_novel === true).length;
  const out = resolve(settings.out);
  await mkdir(out, { recursive: true });
  await writeClusterFiles(out, source.table.ids, layout.coordinates, settings.dims, clustered, {
    points: n, on: settings.on, cluster_count: summary.clusters.length, noise: summary.noise, ranks: classification?.ranks ?? null, clusters: summary.clusters,
  });
  const summarised = performance.now();
  const result: ClusterResult = {
    out, points: n, dim, clusters: clustered.clusterCount, noise: summary.noise.size, putativeNovel, on: settings.on, provider: layout.provider, warnings,
    seconds: (summarised - started) / 1000,
    timings: { load: (loaded - started) / 1000, umap: (mapped - loaded) / 1000, hdbscan: (clusteredAt - mapped) / 1000, summaries: (summarised - clusteredAt) / 1000 },
  };
  await writeFile(join(out, 'experiment_config.yaml'), stringify(effectiveConfig(settings, source.input, layout.neighbours, layout.epochs)));
  await writeFile(join(out, 'run.json'), `${JSON.stringify({
    kind: 'cluster', finishedAt: new Date().toISOString(), versions: libraryVersions(), platform: { os: process.platform, arch: process.arch },
    input: source.input, lookupProvider: layout.provider, result,
  }, null, 2)}\n`);
  return result;
}

async function loadVectors(settings: ClusterSettings & { reverseStrand?: ReverseStrandReads }): Promise<{ table: VectorTable; input: Record<string, unknown> }> {
  if (settings.vectors !== undefined) return { table: await readVectorTable(settings.vectors), input: { vectors: resolve(settings.vectors) } };
  const store = await Store.open(settings.store!, { readonly: true });
  try {
    const datasetIds = typeof settings.dataset === 'string' ? [settings.dataset] : settings.dataset!;
    const tables: VectorTable[] = [];
    let layer = settings.layer;
    for (const datasetId of datasetIds) {
      if (!store.catalog.getDataset(datasetId)) throw new EngineError('unknown_dataset', `store ${store.dir} has no dataset "${datasetId}" (seqatlas store info --store ${store.dir})`);
      layer ??= store.catalog.listEmbeddings(datasetId).find((e) => e.model === settings.model)?.layer ?? 0;
      const stored = await loadStoredVectors(store, datasetId, settings.model!, layer);
      if (stored.count === 0) throw new EngineError('no_records_accepted', `dataset ${datasetId} has no ${settings.model} layer ${layer} vectors to cluster`);
      tables.push(stored);
    }
    const table = joinTables(tables, datasetIds);
    if (settings.reverseStrand) await takeReverseStrand(table, store, settings.reverseStrand, settings.model!, layer!);
    // datasetId (the first) keeps the record readable where one dataset was all a run could have.
    return { table, input: { store: store.dir, datasetId: datasetIds[0], datasets: datasetIds.map((datasetId) => ({ datasetId })), model: settings.model, layer } };
  } finally {
    await store.close();
  }
}

/** Replaces the rows of reads named from their reverse complement with that strand's vectors, as classify used them. */
async function takeReverseStrand(table: VectorTable, store: Store, reverse: ReverseStrandReads, model: string, layer: number): Promise<void> {
  const rowOf = new Map(table.ids.map((id, row) => [id, row]));
  let replaced = 0;
  for (const datasetId of reverse.datasetIds) {
    if (!store.catalog.getDataset(datasetId)) throw new EngineError('unknown_dataset', `store ${store.dir} has no dataset "${datasetId}" (the run's reverse-strand reads)`);
    const stored = await loadStoredVectors(store, datasetId, model, layer);
    stored.ids.forEach((id, i) => {
      const row = rowOf.get(id);
      if (row === undefined || !reverse.ids.has(id)) return;
      table.vectors.set(stored.vectors.subarray(i * table.dim, (i + 1) * table.dim), row * table.dim);
      replaced += 1;
    });
  }
  if (replaced !== reverse.ids.size) throw new EngineError('input_changed', `${reverse.ids.size - replaced} reads named from their reverse strand have no such vector in ${reverse.datasetIds.join(', ')}`);
}

/** Several datasets' vectors as one table; an id in two of them is refused, since maps and exports name points by id. */
function joinTables(tables: readonly VectorTable[], datasetIds: readonly string[]): VectorTable {
  if (tables.length === 1) return tables[0]!;
  const dim = tables[0]!.dim;
  const seenIn = new Map<string, string>();
  tables.forEach((table, t) => {
    if (table.dim !== dim) throw new EngineError('reference_mismatch', `dataset ${datasetIds[t]} has ${table.dim}-dim vectors, ${datasetIds[0]} ${dim}-dim: they cannot share one map`);
    for (const id of table.ids) {
      const earlier = seenIn.get(id);
      if (earlier !== undefined) throw new EngineError('bad_request', `id "${id}" is in datasets ${earlier} and ${datasetIds[t]}: points of one map need distinct ids`);
      seenIn.set(id, datasetIds[t]!);
    }
  });
  const vectors = new Float32Array(tables.reduce((sum, table) => sum + table.vectors.length, 0));
  let at = 0;
  for (const table of tables) {
    vectors.set(table.vectors.subarray(0, table.count * dim), at);
    at += table.count * dim;
  }
  return { ids: tables.flatMap((table) => table.ids), vectors, dim, count: at / dim };
}

/** experiment_config.yaml: every setting the run used, defaults filled in, in the CLI's snake_case. */
function effectiveConfig(settings: ClusterSettings, input: Record<string, unknown>, neighbours: number, epochs: number): Record<string, unknown> {
  return {
    input,
    /** The classify run the input came from (cluster --run), or null. */
    run: settings.run ? resolve(settings.run) : null,
    on: settings.on,
    metric: settings.metric,
    umap: { dims: settings.dims, n_neighbors: neighbours, min_dist: settings.minDist, epochs, seed: settings.seed },
    hdbscan: { min_cluster_size: settings.minClusterSize, min_samples: settings.minSamples ?? settings.minClusterSize, cluster_selection_epsilon: settings.epsilon, cluster_selection_method: settings.selection },
    assignments: settings.assignments ? resolve(settings.assignments) : null,
    runtime: { device: settings.device, threads: settings.threads },
  };
}
