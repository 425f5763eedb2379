import type { EmbeddingBenchmark } from './embedding-benchmark.ts';
import { clusterAgreementBenchmark } from './embedding-cluster-agreement.ts';
import { knnBenchmark } from './embedding-knn.ts';
import { linearProbeBenchmark } from './embedding-linear-probe.ts';
import { silhouetteBenchmark } from './embedding-silhouette.ts';

/**
 * Every embedding benchmark by name, in report order. A new benchmark is one module implementing
 * EmbeddingBenchmark and one line here; the harness (embedding-evaluation.ts) runs whatever is registered.
 */
const REGISTERED: readonly EmbeddingBenchmark[] = [knnBenchmark, linearProbeBenchmark, silhouetteBenchmark, clusterAgreementBenchmark];

export function embeddingBenchmarks(): readonly EmbeddingBenchmark[] {
  return REGISTERED;
}

export function findEmbeddingBenchmark(name: string): EmbeddingBenchmark | undefined {
  return REGISTERED.find((benchmark) => benchmark.name === name);
}
