import { mulberry32 } from '../../native/onnx/seeded-random.ts';
import type { DeviceRequest } from '../../native/runtime/execution-provider.ts';
import type { Metric } from '../lookup/index.ts';
import { fuzzyGraph } from './fuzzy-graph.ts';
import { knnGraph, type KnnGraph } from './knn-graph.ts';
import { LayoutOptimizer } from './layout-optimizer.ts';

export interface UmapOptions {
  /** 2 or 3 output coordinates. */
  dims: 2 | 3;
  metric: Metric;
  /** UMAP's n_neighbors, counting the point itself as umap-js does; default 15. */
  neighbours?: number;
  /** Default 0.1, as umap-learn and umap-js. */
  minDist?: number;
  spread?: number;
  /** Default: umap-js's rule (500 epochs up to 2,500 points … 200 above 7,500). */
  epochs?: number;
  /** Same seed, same input, same machine: same layout. */
  seed?: number;
  device?: DeviceRequest;
  threads?: number;
  onProgress?: (progress: UmapProgress) => void;
  signal?: AbortSignal;
}

export interface UmapProgress {
  stage: 'neighbours' | 'epochs';
  done: number;
  total: number;
}

export interface UmapLayout {
  /** n × dims, row-major. */
  coordinates: Float32Array;
  n: number;
  dims: 2 | 3;
  neighbours: number;
  epochs: number;
  /** onnxruntime provider of the neighbour search; null when no search was needed (fewer than 3 points). */
  provider: string | null;
}

const DEFAULT_NEIGHBOURS = 15;
const DEFAULT_SEED = 42;

/** Epochs run between yields to the event loop, so a caller's cancel and progress events get through. */
const EPOCHS_PER_YIELD = 5;

/**
 * UMAP of n row-major vectors: the exact kNN graph from the lookup kernel (umap-js's own NN-descent is its
 * slowest part), then umap-js's algorithm on typed arrays: fuzzy simplicial set and stochastic layout, epoch by
 * epoch. Every random number (initial positions, negative samples) comes from one seeded generator, so a seed
 * makes the layout deterministic.
 * Fewer than 3 points have no neighbourhood to lay out: they are placed on the x axis at 0, 1.
 */
export async function umapLayout(vectors: Float32Array, n: number, dim: number, options: UmapOptions): Promise<UmapLayout> {
  const dims = options.dims;
  const requested = options.neighbours ?? DEFAULT_NEIGHBOURS;
  if (n < 3) return trivialLayout(n, dims, requested);
  // umap-js refuses n ≤ n_neighbors; small inputs get every other point as a neighbour.
  const neighbours = Math.min(requested, n - 1);
  const graph = await knnGraph(vectors, n, dim, neighbours, {
    metric: options.metric, device: options.device, threads: options.threads, signal: options.signal,
    onProgress: (done, total) => options.onProgress?.({ stage: 'neighbours', done, total }),
  });
  return layoutFromGraph(graph, n, { ...options, neighbours });
}

/** The layout stage alone, for a kNN graph the caller already has (each row holding the point itself). */
async function layoutFromGraph(graph: KnnGraph, n: number, options: UmapOptions): Promise<UmapLayout> {
  const epochs = options.epochs ?? defaultEpochs(n);
  const optimizer = new LayoutOptimizer(fuzzyGraph(graph, n), n, {
    dims: options.dims, epochs, minDist: options.minDist ?? 0.1, spread: options.spread ?? 1, random: mulberry32(options.seed ?? DEFAULT_SEED),
  });
  while (optimizer.epochsDone < epochs) {
    options.signal?.throwIfAborted();
    for (let i = 0; i < EPOCHS_PER_YIELD && optimizer.epochsDone < epochs; i++) {
      const done = optimizer.step();
      options.onProgress?.({ stage: 'epochs', done, total: epochs });
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { coordinates: Float32Array.from(optimizer.coordinates), n, dims: options.dims, neighbours: graph.k, epochs, provider: graph.provider };
}

/** umap-js's (and umap-learn's) rule: fewer epochs for larger inputs, whose graphs get more samples per epoch. */
function defaultEpochs(n: number): number {
  if (n <= 2500) return 500;
  if (n <= 5000) return 400;
  if (n <= 7500) return 300;
  return 200;
}

function trivialLayout(n: number, dims: 2 | 3, neighbours: number): UmapLayout {
  const coordinates = new Float32Array(n * dims);
  for (let i = 0; i < n; i++) coordinates[i * dims] = i;
  return { coordinates, n, dims, neighbours: Math.max(0, Math.min(neighbours, n - 1)), epochs: 0, provider: null };
}
