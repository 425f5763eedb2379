import { z } from 'zod';
import { DeviceRequest } from '../../native/runtime/execution-provider.ts';
import { PrimerPair } from '../io/primer-region.ts';

/**
 * Caps on one embedding batch; unset ones come from the model bundle. A smaller batch needs less GPU memory and
 * commits more often (a pause or a crash loses less work), at some cost in speed.
 */
export const BatchLimits = z
  .object({
    tokenBudget: z.number().int().positive().optional(),
    maxBatchSize: z.number().int().positive().optional(),
  })
  .strict();
export type BatchLimits = z.input<typeof BatchLimits>;

export const EmbedRequest = z
  .object({
    input: z.string().min(1),
    store: z.string().min(1),
    model: z.string().min(1),
    /** Dataset name shown to users; defaults to the file name. The id adds a fingerprint of the file. */
    dataset: z.string().min(1).max(120).optional(),
    /** Layer ids from the bundle; default: the bundle's first (default) layer. Each is stored in its own table. */
    layers: z.array(z.number().int()).min(1).optional(),
    /** Strip alignment gaps (`-`, `.`) from every record instead of rejecting the records that have them. */
    removeGaps: z.boolean().default(false),
    /** DNA: embed only the region between these primers (records without both sites are rejected). */
    region: PrimerPair.optional(),
    /** DNA: embed every record's other strand (classify's `strand: both` compares reads this way too). */
    reverseComplement: z.boolean().default(false),
    device: DeviceRequest.default('auto'),
    threads: z.number().int().min(0).max(256).default(0),
    precision: z.enum(['auto', 'fp32', 'fp16']).default('auto'),
    batch: BatchLimits.optional(),
  })
  .strict();
export type EmbedRequest = z.input<typeof EmbedRequest>;
export type EmbedRequestResolved = z.output<typeof EmbedRequest>;

export const EmbedResult = z.object({
  jobId: z.string(),
  datasetId: z.string(),
  store: z.string(),
  runDir: z.string(),
  model: z.string(),
  layers: z.array(z.number().int()),
  tables: z.array(z.string()),
  provider: z.string(),
  read: z.number().int(),
  accepted: z.number().int(),
  rejected: z.number().int(),
  embedded: z.number().int(),
  resumedFromBatch: z.number().int().nullable(),
  alreadyDone: z.boolean(),
  seconds: z.number(),
  tokens: z.number().int(),
});
export type EmbedResult = z.infer<typeof EmbedResult>;
