import type { DeviceRequest } from '../../native/runtime/execution-provider.ts';
import { KnnSearcher, ReferenceMatrix, type Metric } from '../lookup/index.ts';

/** Each point's k nearest points, itself included (as umap-js expects), best first, as nested arrays. */
export interface KnnGraph {
  indices: number[][];
  distances: number[][];
  k: number;
  /** The onnxruntime execution provider that ran the search. */
  provider: string;
}

export interface KnnGraphOptions {
  metric: Metric;
  device?: DeviceRequest;
  threads?: number;
  /** Called after each block of queries with points done so far. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Queries per search call: progress and cancellation are checked between blocks. */
const QUERY_BLOCK = 4096;

/**
 * The exact all-points kNN graph from the project's lookup kernel (onnxruntime MatMul + TopK), which is what lets
 * UMAP skip umap-js's own NN-descent, the slowest part of umap-js on tens of thousands of points.
 */
export async function knnGraph(vectors: Float32Array, n: number, dim: number, k: number, options: KnnGraphOptions): Promise<KnnGraph> {
  const matrix = ReferenceMatrix.fromRows(vectors, n, dim, options.metric);
  const searcher = await KnnSearcher.open({ dim, metric: options.metric, device: options.device, threads: options.threads });
  try {
    const indices: number[][] = [];
    const distances: number[][] = [];
    for (let q0 = 0; q0 < n; q0 += QUERY_BLOCK) {
      options.signal?.throwIfAborted();
      const q1 = Math.min(n, q0 + QUERY_BLOCK);
      const hits = await searcher.search(matrix, vectors.subarray(q0 * dim, q1 * dim), q1 - q0, k);
      for (const row of hits) {
        indices.push(row.map((hit) => hit.index));
        // float32 scores can put a point's distance to itself a hair below 0; UMAP's rho must not be negative.
        distances.push(row.map((hit) => Math.max(0, hit.distance)));
      }
      options.onProgress?.(q1, n);
    }
    return { indices, distances, k: Math.min(k, n), provider: searcher.provider };
  } finally {
    await searcher.release();
  }
}
