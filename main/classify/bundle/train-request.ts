import { z } from 'zod';
import { ReferenceName } from '../../references/reference-request.ts';
import { DEFAULT_MIN_CONFIDENCE } from '../rank-thresholds.ts';
import type { RankEvaluation } from './bundle-evaluation.ts';
import { MAX_READ_ERROR_RATE } from '../read-error-bound.ts';

export const TrainRequest = z
  .object({
    reference: ReferenceName,
    store: z.string().min(1),
    /** The bundle folder to write (created; its bundle files are replaced). */
    out: z.string().min(1),
    /** Which of the reference's embeddings to train on; absent: its first. */
    model: z.string().min(1).optional(),
    layer: z.number().int().optional(),
    /** Share of the reference held out, stratified by taxon, to fit the temperatures and evaluate. */
    holdout: z.number().gt(0).lt(1).default(0.2),
    seed: z.number().int().min(0).default(1),
    /** Most full-batch L-BFGS iterations per head (fits usually converge well before). */
    epochs: z.number().int().min(1).max(10_000).default(300),
    /** Ridge penalty on the weights. */
    l2: z.number().positive().default(1e-7),
    /** Probability threshold written for every rank (classify's default: more likely right than wrong). */
    minConfidence: z.number().min(0).max(1).default(DEFAULT_MIN_CONFIDENCE),
    /**
     * Train and calibrate on copies of the references with sequencing errors at this rate per base (a bundle for
     * Nanopore reads: 0.05), as classify calibrates its k-NN vote for noisy reads; 0: on the references as they are.
     */
    readErrorRate: z.number().min(0).max(MAX_READ_ERROR_RATE).default(0),
  })
  .strict();
export type TrainRequest = z.input<typeof TrainRequest>;

export interface TrainResult {
  out: string;
  reference: string;
  model: string;
  modelVersion: string;
  layer: number;
  /** Labelled references the final head was fitted on. */
  records: number;
  heldOut: number;
  noveltyDistance: number;
  ranks: (RankEvaluation & { classes: number })[];
  seconds: number;
}
