import { z } from 'zod';
import { DeviceRequest } from '../../native/runtime/execution-provider.ts';

/** How a run embeds its queries: the `embedding` block shared by every run configuration (annotate, classify, …). */
export const EmbeddingSettings = z
  .object({
    device: DeviceRequest.default('auto'),
    threads: z.number().int().min(0).max(256).default(0),
    precision: z.enum(['auto', 'fp32', 'fp16']).default('auto'),
  })
  .strict()
  .default({ device: 'auto', threads: 0, precision: 'auto' });
export type EmbeddingSettings = z.output<typeof EmbeddingSettings>;

/**
 * `remove_gaps` of a run.yaml: strip alignment gaps (`-`, `.`) from the input's records instead of rejecting the
 * records that have them, for reads exported from an alignment.
 */
export const RemoveGaps = z.boolean().default(false);
