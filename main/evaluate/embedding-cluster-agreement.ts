import { hdbscanHighDimensional } from '../cluster/hdbscan-high-dim.ts';
import { adjustedRandIndex } from '../cluster/metrics.ts';
import { normalizedMutualInfo } from '../cluster/mutual-information.ts';
import type { EmbeddingBenchmark } from './embedding-benchmark.ts';

const MIN_CLUSTER_SIZE = 5;

/**
 * HDBSCAN on the embeddings themselves (unit rows for cosine, so Euclidean order is cosine order), compared with
 * the labels by adjusted Rand index and normalised mutual information; noise is one more group, as the
 * reference implementation's users score it.
 */
export const clusterAgreementBenchmark: EmbeddingBenchmark = {
  name: 'hdbscan',
  description: `ARI and NMI of HDBSCAN clusters (min_cluster_size ${MIN_CLUSTER_SIZE}) against the labels`,
  async run(points) {
    const clusters = await hdbscanHighDimensional(points.vectors, points.n, points.dim, { minClusterSize: MIN_CLUSTER_SIZE });
    const noise = clusters.labels.reduce((count, label) => count + (label < 0 ? 1 : 0), 0);
    return {
      ari: adjustedRandIndex(clusters.labels, points.labels),
      nmi: normalizedMutualInfo(clusters.labels, points.labels),
      clusters: clusters.clusterCount,
      noise_share: points.n > 0 ? noise / points.n : 0,
    };
  },
};
