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
