import { z } from 'zod';
import { METADATA_COLUMNS, isIsoDate, type MetadataColumn } from '../../export/sample-metadata.ts';

/** A TSV cell: the file has no quoting, so a tab or line break would shift every later column. */
const text = z.string().trim().max(500).regex(/^[^\t\r\n]*$/, 'must not contain tabs or line breaks');
const cell = text.default('');
const coordinate = (limit: number) => z.number().min(-limit, `must be from -${limit} to ${limit}`).max(limit, `must be from -${limit} to ${limit}`).nullable().default(null);

const TEXT_COLUMNS = METADATA_COLUMNS.filter((name) => name !== 'eventDate' && name !== 'decimalLatitude' && name !== 'decimalLongitude');

/**
 * One sample's metadata as the Import screen enters it: the columns of the engine's Darwin Core template
 * (`export metadata-template`), coordinates as numbers in decimal degrees, both or neither.
 */
export const SampleMetadataRow = z
  .object({
    sample: text.min(1, 'is empty'),
    eventDate: text.refine((v) => v === '' || (v.split('/').length <= 2 && v.split('/').every(isIsoDate)), 'is not an ISO 8601 date (YYYY-MM-DD, YYYY-MM, YYYY-MM-DDThh:mm:ssZ or start/end)').default(''),
    decimalLatitude: coordinate(90),
    decimalLongitude: coordinate(180),
    ...(Object.fromEntries(TEXT_COLUMNS.map((name) => [name, cell])) as Record<Exclude<MetadataColumn, 'eventDate' | 'decimalLatitude' | 'decimalLongitude'>, typeof cell>),
  })
  .strict()
  .superRefine((row, context) => {
    if ((row.decimalLatitude === null) !== (row.decimalLongitude === null)) {
      const empty = row.decimalLatitude === null ? 'decimalLatitude' : 'decimalLongitude';
      context.addIssue({ code: 'custom', path: [empty], message: 'is empty while the other coordinate is filled' });
    }
  });
export type SampleMetadataRow = z.output<typeof SampleMetadataRow>;
export type SampleMetadataInput = z.input<typeof SampleMetadataRow>;

export const SaveSampleMetadataRequest = z
  .object({ store: z.string().min(1), samples: z.array(SampleMetadataRow).min(1).max(10_000) })
  .strict()
  .refine((r) => new Set(r.samples.map((s) => s.sample)).size === r.samples.length, { message: 'a sample is listed twice', path: ['samples'] });

/** The store's sample metadata file as read back; `path` is null while none was saved. */
export interface StoredSampleMetadata {
  path: string | null;
  samples: SampleMetadataRow[];
}

/** A run's own metadata file for `export darwin-core --metadata`: one row per sample of the run. */
export interface RunMetadataFile {
  /** Null when the store has metadata for none of the run's samples (nothing is written). */
  path: string | null;
  samples: number;
  described: number;
}
