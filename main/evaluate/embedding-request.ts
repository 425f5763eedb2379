import { z } from 'zod';
import { DeviceRequest } from '../../native/runtime/execution-provider.ts';

export const EvaluateEmbeddingRequest = z
  .object({
    store: z.string().min(1),
    dataset: z.string().min(1),
    model: z.string().min(1),
    /** Default: the model's first layer stored for the dataset. */
    layer: z.number().int().min(0).optional(),
    /** TSV: id<TAB>lineage (names root first, `;`-separated) or id<TAB>label. */
    labels: z.string().min(1),
    metric: z.enum(['cosine', 'euclidean']).default('cosine'),
    /** Registered benchmark names to run (default: all). */
    benchmarks: z.array(z.string().min(1)).min(1).optional(),
    /** Labelled points per rank that the benchmarks see: a seeded sample above this keeps the O(n²) scores bounded. */
    maxPoints: z.number().int().min(10).default(3000),
    seed: z.number().int().min(0).default(42),
    device: DeviceRequest.default('auto'),
    threads: z.number().int().min(0).default(0),
  })
  .strict();
export type EvaluateEmbeddingRequest = z.input<typeof EvaluateEmbeddingRequest>;
export type EvaluateEmbeddingSettings = z.output<typeof EvaluateEmbeddingRequest>;

export interface RankEvaluation {
  rank: string;
  /** Points with a label at this rank, and how many of them the benchmarks saw. */
  labelled: number;
  evaluated: number;
  classes: number;
  /** benchmark name → its scores (null where undefined, e.g. silhouette of a single class). */
  scores: Record<string, Record<string, number | null>>;
}

export interface EvaluateEmbeddingResult {
  dataset: string;
  model: string;
  layer: number;
  metric: 'cosine' | 'euclidean';
  points: number;
  /** Points of the dataset with no row in the labels file. */
  unlabelled: number;
  benchmarks: string[];
  ranks: RankEvaluation[];
  seconds: number;
}
