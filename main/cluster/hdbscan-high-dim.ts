import { KnnSearcher, ReferenceMatrix, type KnnHit } from '../lookup/index.ts';
import { denseMutualReachabilityMst } from './dense-boruvka-mst.ts';
import { clustersFromMst, hdbscan, type HdbscanOptions, type HdbscanResult } from './hdbscan.ts';
import { validatePoints } from './input-validation.ts';

/** Up to this dimension hdbscan()'s k-d tree Borůvka is faster than dense matrix products. */
const MAX_TREE_DIMENSION = 8;

/**
 * HDBSCAN for embeddings of any dimension. Up to 8-D it is hdbscan() itself; above, core distances come from the
 * exact kNN kernel and the mutual-reachability MST from Borůvka rounds on onnxruntime matrix products
 * (dense-boruvka-mst.ts): 0.7 s instead of 13.7 s for hdbscan()'s O(n²·dim) Prim in JavaScript on 10,000 × 64-D
 * points (bench/cluster-hdbscan.ts). The hierarchy, selection, probabilities and GLOSH scores are hdbscan()'s
 * own stages. Distances are float32 here, so weights can differ from hdbscan()'s float64 ones in the last digits.
 */
export async function hdbscanHighDimensional(points: Float32Array, n: number, dim: number, options: HdbscanOptions): Promise<HdbscanResult> {
  // Low dimensions, and inputs too small for a cluster (all noise, no tree needed), are hdbscan()'s own cases.
  if (dim <= MAX_TREE_DIMENSION || n < options.minClusterSize) return hdbscan(points, n, dim, options);
  // hdbscan() on no points only checks the options, so both paths refuse bad options with the same errors.
  hdbscan(points.subarray(0, 0), 0, dim, options);
  validatePoints(points, n, dim);
  const minSamples = Math.min(options.minSamples ?? options.minClusterSize, n);
  const { coreSq, neighbours } = await coreDistances(points, n, dim, minSamples);
  const mst = await denseMutualReachabilityMst(points, n, dim, coreSq, neighbours);
  return clustersFromMst(mst, n, {
    minClusterSize: options.minClusterSize,
    method: options.selection ?? 'eom',
    epsilon: options.clusterSelectionEpsilon ?? 0,
    allowSingleCluster: options.allowSingleCluster ?? false,
  });
}

/**
 * Each point's minSamples nearest points (itself included) and its squared core distance: the distance to the
 * minSamples-th of them, the point itself counting as the first (hdbscan's convention).
 */
async function coreDistances(points: Float32Array, n: number, dim: number, minSamples: number): Promise<{ coreSq: Float64Array; neighbours: KnnHit[][] }> {
  const searcher = await KnnSearcher.open({ dim, metric: 'euclidean' });
  try {
    const neighbours = await searcher.search(ReferenceMatrix.fromRows(points, n, dim, 'euclidean'), points, n, minSamples);
    return { coreSq: Float64Array.from(neighbours, (row) => (minSamples <= 1 ? 0 : row[minSamples - 1]!.distance ** 2)), neighbours };
  } finally {
    await searcher.release();
  }
}
