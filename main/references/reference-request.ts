import { z } from 'zod';
import { DeviceRequest } from '../../native/runtime/execution-provider.ts';
import { BatchLimits } from '../api/embed-request.ts';
import type { FileReading } from '../io/file-reading.ts';
import { PrimerPair } from '../io/primer-region.ts';

/** Reference names appear in paths and commands: short, no spaces or separators. */
export const ReferenceName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a reference name is 1-64 letters, digits, dots, dashes or underscores, starting with a letter or digit');

export const HeaderLabelFormatChoice = z.enum(['auto', 'none', 'tab-lineage', 'sintax', 'prefixed-lineage', 'semicolon-lineage', 'taxid']);

export const ReferenceBuildRequest = z
  .object({
    input: z.string().min(1),
    name: ReferenceName,
    model: z.string().min(1),
    store: z.string().min(1),
    layers: z.array(z.number().int()).min(1).optional(),
    labelFormat: HeaderLabelFormatChoice.default('auto'),
    taxonomy: z.string().min(1).optional(),
    goAnnotations: z.string().min(1).optional(),
    ontology: z.string().min(1).optional(),
    /** Strip alignment gaps (`-`, `.`) instead of rejecting the records that have them (aligned SILVA or PR2 exports). */
    removeGaps: z.boolean().default(false),
    /**
     * Cut every reference to the region between these primers before embedding, to match amplicon reads of that
     * region (references without both primer sites are left out and reported).
     */
    region: PrimerPair.optional(),
    device: DeviceRequest.default('auto'),
    threads: z.number().int().min(0).max(256).default(0),
    precision: z.enum(['auto', 'fp32', 'fp16']).default('auto'),
    batch: BatchLimits.optional(),
  })
  .strict();
export type ReferenceBuildRequest = z.input<typeof ReferenceBuildRequest>;

export interface ReferenceEmbedding {
  model: string;
  layer: number;
  dim: number;
  count: number;
}

export interface ReferenceDescription {
  name: string;
  datasetId: string;
  source: string;
  records: number;
  labelled: { lineage: number; taxid: number; go: number };
  coverage: { taxonomy: number; go: number };
  goTerms: number;
  labelSources: Record<string, unknown>;
  /** How the file was read: gaps removed, cut to a primer region. */
  reading: FileReading;
  embeddings: ReferenceEmbedding[];
  createdAt: string;
  updatedAt: string;
}

export interface ReferenceBuildResult {
  reference: ReferenceDescription;
  embedded: number;
  /** Records of the file left out (bad records, no primer sites), listed by `seqatlas store issues`. */
  rejected: number;
  store: string;
  alreadyEmbedded: boolean;
  warnings: string[];
  seconds: number;
}
