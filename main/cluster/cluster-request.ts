import { z } from 'zod';
import { DeviceRequest } from '../../native/runtime/execution-provider.ts';

/**
 * `cluster`: a dataset's stored embeddings (store + dataset + model [+ layer]), a classify run's reads (run), or any
 * vectors TSV, mapped with UMAP and clustered with HDBSCAN.
 */
export const ClusterRequest = z
  .object({
    /** A classify run folder: its reads' store, datasets, model and layer, and its assignments.tsv for the summaries. */
    run: z.string().min(1).optional(),
    store: z.string().min(1).optional(),
    /** One dataset, or several (a classify run of several files) mapped together. */
    dataset: z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(1000)]).optional(),
    model: z.string().min(1).optional(),
    /** Default: the model's first layer stored for the dataset. */
    layer: z.number().int().min(0).optional(),
    /** TSV of id<TAB>values, instead of a store. */
    vectors: z.string().min(1).optional(),
    out: z.string().min(1),
    /** Cluster the UMAP coordinates (default) or the embeddings themselves. */
    on: z.enum(['umap', 'embedding']).default('umap'),
    metric: z.enum(['cosine', 'euclidean']).default('cosine'),
    dims: z.union([z.literal(2), z.literal(3)]).default(2),
    neighbours: z.number().int().min(2).max(200).default(15),
    minDist: z.number().min(0).max(1).default(0.1),
    epochs: z.number().int().min(1).optional(),
    seed: z.number().int().min(0).default(42),
    minClusterSize: z.number().int().min(2).default(15),
    minSamples: z.number().int().min(1).optional(),
    epsilon: z.number().min(0).default(0),
    selection: z.enum(['eom', 'leaf']).default('eom'),
    /** assignments.tsv of a classify run over the same reads: taxonomic composition per cluster. */
    assignments: z.string().min(1).optional(),
    device: DeviceRequest.default('auto'),
    threads: z.number().int().min(0).default(0),
  })
  .strict()
  .refine((r) => [r.vectors !== undefined, r.run !== undefined, r.store !== undefined || r.dataset !== undefined || r.model !== undefined].filter(Boolean).length === 1, {
    message: 'give one of vectors, run, or store, dataset and model',
  })
  .refine((r) => r.vectors !== undefined || r.run !== undefined || (r.store !== undefined && r.dataset !== undefined && r.model !== undefined), {
    message: 'store, dataset and model go together',
  });
export type ClusterRequest = z.input<typeof ClusterRequest>;
export type ClusterSettings = z.output<typeof ClusterRequest>;

export interface ClusterResult {
  out: string;
  points: number;
  dim: number;
  clusters: number;
  noise: number;
  /** Clusters whose members mostly lack a confident lowest-rank assignment (0 without assignments). */
  putativeNovel: number;
  /** What HDBSCAN clustered. */
  on: 'umap' | 'embedding';
  provider: string | null;
  warnings: string[];
  seconds: number;
  timings: { load: number; umap: number; hdbscan: number; summaries: number };
}
