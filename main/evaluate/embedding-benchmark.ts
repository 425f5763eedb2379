import type { DeviceRequest } from '../../native/runtime/execution-provider.ts';

/** One rank's labelled points as every embedding benchmark sees them. */
export interface LabelledPoints {
  /** n × dim, row-major; unit rows when the metric is cosine. */
  vectors: Float32Array;
  n: number;
  dim: number;
  metric: 'cosine' | 'euclidean';
  /** Class index per point, 0..classes-1. */
  labels: Int32Array;
  classes: number;
}

export interface BenchmarkContext {
  seed: number;
  device: DeviceRequest;
  threads: number;
  signal: AbortSignal;
}

/** A named score of how well embeddings separate labels; registered in embedding-benchmarks.ts. */
export interface EmbeddingBenchmark {
  name: string;
  description: string;
  run(points: LabelledPoints, context: BenchmarkContext): Promise<Record<string, number | null>>;
}
