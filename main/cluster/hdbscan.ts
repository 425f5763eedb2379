import { boruvkaMutualReachabilityMst } from './boruvka-mst.ts';
import { labelPoints } from './cluster-labels.ts';
import { clusterTreeFacts, selectClusters, type SelectionMethod } from './cluster-selection.ts';
import { condenseTree } from './condensed-tree.ts';
import { squaredCoreDistancesExhaustive, squaredCoreDistancesKdTree } from './core-distances.ts';
import { ClusterInputError } from './errors.ts';
import { gloshScores } from './glosh.ts';
import { validatePoints } from './input-validation.ts';
import { buildKdTree } from './kd-tree.ts';
import { buildPivotTable } from './pivot-table.ts';
import { primMutualReachabilityMst } from './prim-mst.ts';
import { singleLinkageFromMst } from './single-linkage.ts';
import type { SpanningTree } from './spanning-tree.ts';

export interface HdbscanOptions {
  /** Smallest group of points that counts as a cluster (integer ≥ 2). */
  minClusterSize: number;
  /** Neighbourhood size for core distances, counting the point itself; default minClusterSize, clamped to n. */
  minSamples?: number;
  /** Clusters born at a distance below this are merged into their ancestors; default 0. */
  clusterSelectionEpsilon?: number;
  /** Excess of mass (default) or leaves of the cluster tree. */
  selection?: SelectionMethod;
  /** Let the root (all points) be the single cluster; default false. */
  allowSingleCluster?: boolean;
}

export interface HdbscanResult {
  /** Cluster per point, −1 = noise; 0..clusterCount-1 numbered in order of each cluster's first point. */
  labels: Int32Array;
  probabilities: Float32Array;
  /** GLOSH outlier score per point in [0, 1]. */
  outlierScores: Float32Array;
  clusterCount: number;
}

/** At or below this dimension the k-d tree prunes well; above it, pivot-filtered exhaustive search is used. */
const MAX_TREE_DIMENSION = 8;

/**
 * HDBSCAN* with Euclidean distance on n row-major points of `dim` coordinates, following the
 * scikit-learn-contrib hdbscan reference (Campello et al. 2013; McInnes & Healy 2017):
 *  - core(p) = distance to the minSamples-th nearest point, p itself counting as the first;
 *  - MST of d_mreach(a, b) = max(core(a), core(b), d(a, b)): Borůvka over a k-d tree for dim ≤ 8,
 *    otherwise Prim in O(n²) time and O(n) memory;
 *  - single linkage → condensed tree (minClusterSize) → excess-of-mass or leaf selection,
 *    clusterSelectionEpsilon, labels, probabilities λ_p / λ_max and GLOSH scores as the reference;
 *  - λ for zero distances (duplicates) is capped to a finite value (see condensed-tree.ts);
 *  - minSamples larger than n is clamped to n; n < minClusterSize gives all noise.
 * Throws ClusterInputError for a wrong shape, a non-finite coordinate ('non_finite', naming the
 * point) or an invalid option.
 */
export function hdbscan(points: Float32Array, n: number, dim: number, options: HdbscanOptions): HdbscanResult {
  validatePoints(points, n, dim);
  const { minClusterSize } = options;
  const minSamples = options.minSamples ?? minClusterSize;
  const epsilon = options.clusterSelectionEpsilon ?? 0;
  const method = options.selection ?? 'eom';
  const allowSingleCluster = options.allowSingleCluster ?? false;
  if (!Number.isInteger(minClusterSize) || minClusterSize < 2) {
    throw new ClusterInputError('invalid_option', `hdbscan: minClusterSize must be an integer ≥ 2, got ${minClusterSize}`);
  }
  if (!Number.isInteger(minSamples) || minSamples < 1) {
    throw new ClusterInputError('invalid_option', `hdbscan: minSamples must be an integer ≥ 1, got ${minSamples}`);
  }
  if (!Number.isFinite(epsilon) || epsilon < 0) {
    throw new ClusterInputError('invalid_option', `hdbscan: clusterSelectionEpsilon must be a finite number ≥ 0, got ${epsilon}`);
  }
  if (method !== 'eom' && method !== 'leaf') {
    throw new ClusterInputError('invalid_option', `hdbscan: selection must be 'eom' or 'leaf', got ${String(method)}`);
  }

  const labels = new Int32Array(n).fill(-1);
  if (n < minClusterSize) {
    return { labels, probabilities: new Float32Array(n), outlierScores: new Float32Array(n), clusterCount: 0 };
  }

  return clustersFromMst(mutualReachabilityMst(points, n, dim, minSamples), n, { minClusterSize, method, epsilon, allowSingleCluster });
}

/** The flat clustering of n points from their mutual-reachability spanning tree: shared by every MST path. */
export function clustersFromMst(
  mst: SpanningTree,
  n: number,
  options: { minClusterSize: number; method: 'eom' | 'leaf'; epsilon: number; allowSingleCluster: boolean },
): HdbscanResult {
  const { minClusterSize, method, epsilon, allowSingleCluster } = options;
  const tree = condenseTree(singleLinkageFromMst(mst, n), minClusterSize);
  const facts = clusterTreeFacts(tree);
  const selected = selectClusters(facts, { method, epsilon, allowSingleCluster });
  const flat = labelPoints(tree, facts, selected, allowSingleCluster, epsilon);
  return {
    labels: flat.labels,
    probabilities: flat.probabilities,
    outlierScores: gloshScores(tree),
    // Only a lone root cluster can end up with no members (the reference's λ rule for it).
    clusterCount: flat.labels.some((l) => l >= 0) ? selected.length : 0,
  };
}

function mutualReachabilityMst(points: Float32Array, n: number, dim: number, minSamples: number): SpanningTree {
  if (dim <= MAX_TREE_DIMENSION) {
    const tree = buildKdTree(points, n, dim);
    return boruvkaMutualReachabilityMst(tree, squaredCoreDistancesKdTree(tree, minSamples));
  }
  // float64 rows: measured faster than reading float32 in the distance loop.
  const wide = Float64Array.from(points);
  const pivots = buildPivotTable(wide, n, dim);
  return primMutualReachabilityMst(wide, n, dim, squaredCoreDistancesExhaustive(wide, n, dim, minSamples, pivots), pivots);
}
