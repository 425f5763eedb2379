import { mulberry32 } from '../../native/onnx/seeded-random.ts';
import type { EventSink, JobControl } from '../api/job-events.ts';
import { parseRequest } from '../api/parse-request.ts';
import { unitRows } from '../cluster/unit-rows.ts';
import { EngineError } from '../shared/engine-error.ts';
import { loadStoredVectors, type StoredVectors } from '../store/stored-vectors.ts';
import { Store } from '../store/store.ts';
import type { EmbeddingBenchmark, LabelledPoints } from './embedding-benchmark.ts';
import { embeddingBenchmarks, findEmbeddingBenchmark } from './embedding-benchmarks.ts';
import { readRankLabels } from './embedding-labels.ts';
import { EvaluateEmbeddingRequest, type EvaluateEmbeddingResult, type EvaluateEmbeddingSettings, type RankEvaluation } from './embedding-request.ts';

export interface EvaluateEmbeddingContext {
  emit: EventSink;
  control: JobControl;
}

/**
 * `evaluate embedding`: per rank of the labels, the points labelled there (a seeded sample of at most maxPoints)
 * are handed to every selected benchmark. Benchmarks know nothing of stores or files; this harness knows nothing
 * of what they compute.
 */
export async function evaluateEmbedding(requestInput: EvaluateEmbeddingRequest, context: EvaluateEmbeddingContext): Promise<EvaluateEmbeddingResult> {
  const started = performance.now();
  const settings = parseRequest(EvaluateEmbeddingRequest, requestInput, 'evaluate embedding request');
  const benchmarks = selectBenchmarks(settings.benchmarks);
  const labels = await readRankLabels(settings.labels);
  const { stored, layer } = await loadEmbeddings(settings);
  const jobId = `evaluate-embedding:${settings.dataset}`;
  const rows = stored.ids.map((id, i) => ({ i, labels: labels.byId.get(id) }));
  const labelledRows = rows.filter((row) => row.labels !== undefined);
  if (labelledRows.length === 0) throw new EngineError('invalid_labels', `${settings.labels}: none of its ids are in dataset ${settings.dataset}`);
  const unit = settings.metric === 'cosine' ? unitRows(stored.vectors, stored.count, stored.dim) : stored.vectors;

  const ranks: RankEvaluation[] = [];
  for (let r = 0; r < labels.ranks.length; r++) {
    const rank = labels.ranks[r]!;
    context.emit({ type: 'progress', jobId, stage: 'finalize', done: r, total: labels.ranks.length, unit: 'ranks', rate: 0, eta: null });
    const members = labelledRows.filter((row) => row.labels![r] !== undefined);
    const chosen = sample(members, settings.maxPoints, settings.seed);
    const points = labelledPoints(chosen.map((row) => ({ i: row.i, label: row.labels![r]! })), unit, stored.dim, settings.metric);
    const scores: Record<string, Record<string, number | null>> = {};
    for (const benchmark of benchmarks) {
      if (context.control.signal.aborted) throw new EngineError('cancelled', `evaluate embedding cancelled at rank ${rank}`);
      scores[benchmark.name] = await benchmark.run(points, { seed: settings.seed, device: settings.device, threads: settings.threads, signal: context.control.signal });
    }
    ranks.push({ rank, labelled: members.length, evaluated: points.n, classes: points.classes, scores });
  }
  return {
    dataset: settings.dataset, model: settings.model, layer, metric: settings.metric, points: stored.count, unlabelled: rows.length - labelledRows.length,
    benchmarks: benchmarks.map((b) => b.name), ranks, seconds: (performance.now() - started) / 1000,
  };
}

function selectBenchmarks(names: string[] | undefined): readonly EmbeddingBenchmark[] {
  if (!names) return embeddingBenchmarks();
  return names.map((name) => {
    const found = findEmbeddingBenchmark(name);
    if (!found) throw new EngineError('bad_request', `unknown embedding benchmark "${name}"; registered: ${embeddingBenchmarks().map((b) => b.name).join(', ')}`);
    return found;
  });
}

async function loadEmbeddings(settings: EvaluateEmbeddingSettings): Promise<{ stored: StoredVectors; layer: number }> {
  const store = await Store.open(settings.store, { readonly: true });
  try {
    if (!store.catalog.getDataset(settings.dataset)) throw new EngineError('unknown_dataset', `store ${store.dir} has no dataset "${settings.dataset}" (seqatlas store info --store ${store.dir})`);
    const layer = settings.layer ?? store.catalog.listEmbeddings(settings.dataset).find((e) => e.model === settings.model)?.layer ?? 0;
    return { stored: await loadStoredVectors(store, settings.dataset, settings.model, layer), layer };
  } finally {
    await store.close();
  }
}

/** A seeded sample of at most `max` rows, kept in their original order (so ties break as in the full set). */
function sample<T>(rows: T[], max: number, seed: number): T[] {
  if (rows.length <= max) return rows;
  const random = mulberry32(seed);
  const picked = Int32Array.from({ length: rows.length }, (_, i) => i);
  for (let i = 0; i < max; i++) {
    const j = i + Math.floor(random() * (rows.length - i));
    [picked[i], picked[j]] = [picked[j]!, picked[i]!];
  }
  return Array.from(picked.subarray(0, max)).sort((a, b) => a - b).map((i) => rows[i]!);
}

function labelledPoints(rows: { i: number; label: string }[], vectors: Float32Array, dim: number, metric: 'cosine' | 'euclidean'): LabelledPoints {
  const index = new Map<string, number>();
  const labels = Int32Array.from(rows, (row) => {
    let c = index.get(row.label);
    if (c === undefined) index.set(row.label, (c = index.size));
    return c;
  });
  const out = new Float32Array(rows.length * dim);
  rows.forEach((row, k) => out.set(vectors.subarray(row.i * dim, (row.i + 1) * dim), k * dim));
  return { vectors: out, n: rows.length, dim, metric, labels, classes: index.size };
}
