import { z } from 'zod';
import { ReferenceName } from '../references/reference-request.ts';
import type { SeedRunSummary } from './seed-candidates.ts';

export const AnnotateRequest = z
  .object({
    /** Query FASTA/FASTQ: embedded into the store (resumable, reused on re-runs) with each model of the reference. */
    input: z.string().min(1).optional(),
    /** Lookup only: query embeddings from an HDF5 file in FANTASIA's layout. */
    fromH5: z.string().min(1).optional(),
    reference: ReferenceName,
    store: z.string().min(1),
    out: z.string().min(1),
    /** A run.yaml; `overrides` (from command-line flags) win over its keys. */
    config: z.string().min(1).optional(),
    overrides: z.record(z.string(), z.unknown()).default({}),
  })
  .strict()
  .refine((r) => (r.input === undefined) !== (r.fromH5 === undefined), { message: 'give exactly one of input (a FASTA file) or fromH5 (an HDF5 file)' });
export type AnnotateRequest = z.input<typeof AnnotateRequest>;

/** What one (model, layer) lookup did. */
export interface LayerRunSummary {
  model: string;
  layer: number;
  queries: number;
  references: number;
  searchable: number;
  search: 'exact' | 'approximate';
  /** Share of exact neighbours the approximate search found, on a sample of queries; null for exact search. */
  recall: number | null;
  hits: number;
  rows: number;
  provider: string;
  /** The seed prefilter's index and work, when candidates.source used it. */
  seeds: SeedRunSummary | null;
  /** Threads that aligned hits (alignment metrics, redundancy filter): 1 until a batch was worth worker threads. */
  alignmentThreads: number;
  seconds: number;
}

export interface AnnotateResult {
  out: string;
  reference: string;
  queries: number;
  annotatedQueries: number;
  layers: LayerRunSummary[];
  summaryRows: number;
  alignments: { computed: number; skipped: number };
  redundantExcluded: number;
  warnings: string[];
  seconds: number;
}
