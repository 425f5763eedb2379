import { z } from 'zod';
import { ReferenceName } from '../references/reference-request.ts';

export const ClassifyRequest = z
  .object({
    /**
     * Reads to classify, FASTA/FASTQ (plain or gzip): embedded into the store with the reference's model. Several
     * files are classified together, each file the sample of its reads unless a header or the sample map says otherwise.
     */
    input: z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(1000)]),
    /** Classify by the k nearest references of this reference set… */
    reference: ReferenceName.optional(),
    /** …or with a trained classifier bundle folder (seqatlas train): exactly one of the two. */
    bundle: z.string().min(1).optional(),
    store: z.string().min(1),
    out: z.string().min(1),
    /** A run.yaml; `overrides` (from command-line flags) win over its keys. */
    config: z.string().min(1).optional(),
    overrides: z.record(z.string(), z.unknown()).default({}),
  })
  .strict()
  .refine((r) => (r.reference === undefined) !== (r.bundle === undefined), { message: 'give either reference or bundle, not both or neither', path: ['reference'] });
export type ClassifyRequest = z.input<typeof ClassifyRequest>;

export interface ClassifyResult {
  out: string;
  /** The reference set searched, or the one a bundle was trained on. */
  reference: string;
  model: string;
  layer: number;
  reads: number;
  /** Sum of the reads' abundances. */
  abundance: number;
  /** Reads assigned at each rank (at the run's minimum confidence). */
  assigned: Record<string, number>;
  /** Per rank, the calibrated confidence a call needed to be assigned: the run's min_confidence, or a bundle's own thresholds. */
  minConfidence: Record<string, number>;
  novel: number;
  /** Reads named from their reverse complement (nearer to the reference than as written); null: one strand compared. */
  reverseStrand: number | null;
  /** Novel reads two references explain far better than one (chimeras.tsv); null: not checked (a bundle, or chimera_check off). */
  chimeras: number | null;
  samples: string[];
  /** k-NN runs: what leave-one-out on the reference chose. */
  fitted?: { k: number; bandwidth: number; thresholds: Record<string, number>; noveltyDistance: number; readErrorRate: number; cached: boolean };
  /** Bundle runs: the bundle and its novelty distance. */
  bundle?: { dir: string; created: string; noveltyDistance: number };
  provider: string | null;
  warnings: string[];
  seconds: number;
}
