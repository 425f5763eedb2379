import { z } from 'zod';
import { ReferenceName } from '../references/reference-request.ts';

export const ClassifyRequest = z
  .object({
    /** Reads to classify, FASTA/FASTQ (plain or gzip): embedded into the store with the reference's model. */
    input: z.string().min(1),
    reference: ReferenceName,
    store: z.string().min(1),
    out: z.string().min(1),
    /** A run.yaml; `overrides` (from command-line flags) win over its keys. */
    config: z.string().min(1).optional(),
    overrides: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();
export type ClassifyRequest = z.input<typeof ClassifyRequest>;

export interface ClassifyResult {
  out: string;
  reference: string;
  model: string;
  layer: number;
  reads: number;
  /** Sum of the reads' abundances. */
  abundance: number;
  /** Reads assigned at each rank (at the run's minimum confidence). */
  assigned: Record<string, number>;
  novel: number;
  samples: string[];
  /** What leave-one-out on the reference chose. */
  fitted: { k: number; bandwidth: number; thresholds: Record<string, number>; noveltyDistance: number };
  provider: string | null;
  warnings: string[];
  seconds: number;
}
