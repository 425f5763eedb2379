import { z } from 'zod';
import { PrimerPair } from '../io/primer-region.ts';
import type { FilterFailure } from './read-filter.ts';

export const FilterReadsRequest = z
  .object({
    /** Single-end FASTQ files (plain or gzip) or folders of them: Illumina or Ion Torrent single reads, Nanopore or PacBio reads. */
    input: z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(2000)]),
    /** Folder for one filtered FASTQ per sample (named by it), filter_report.tsv and run.json. */
    out: z.string().min(1),
    /**
     * Cut each read to what follows the forward primer, and stop at the reverse primer where the read reaches it
     * (primers removed; either strand is taken, for reads of both orientations); reads without the forward site are
     * dropped, and with `requireBothPrimers` so are reads without the reverse site (whole amplicons: Nanopore, short markers).
     */
    primers: PrimerPair.optional(),
    requireBothPrimers: z.boolean().default(false),
    truncateQuality: z.number().int().min(0).max(93).nullable().default(null),
    truncateLength: z.number().int().min(1).nullable().default(null),
    minLength: z.number().int().min(1).default(20),
    maxLength: z.number().int().min(1).nullable().default(null),
    maxAmbiguous: z.number().int().min(0).default(0),
    /** Expected errors per read: at most 1 unless given (or unless `maxErrorRate` is given instead); null keeps every read. */
    maxExpectedErrors: z.number().positive().nullable().optional(),
    /** Expected errors per base (vsearch --fastq_maxee_rate): for long reads of varying length, such as Nanopore's. */
    maxErrorRate: z.number().positive().max(1).nullable().default(null),
  })
  .strict()
  .refine((request) => request.maxLength === null || request.maxLength >= request.minLength, { message: 'maxLength is below minLength', path: ['maxLength'] })
  .refine((request) => !request.requireBothPrimers || request.primers !== undefined, { message: 'requireBothPrimers needs primers', path: ['requireBothPrimers'] });
export type FilterReadsRequest = z.input<typeof FilterReadsRequest>;

export type FilterFailureCounts = Record<FilterFailure, number>;

export interface FilteredSample {
  sample: string;
  /** The sample's input files (one, or MinKNOW's chunks of a barcode) and the filtered FASTQ written from them; null when no read was kept (no file is written). */
  inputs: string[];
  file: string | null;
  reads: number;
  kept: number;
  dropped: FilterFailureCounts;
  /** Over kept reads; null when none was kept. */
  meanLength: number | null;
  meanExpectedErrors: number | null;
}

export interface FilterReadsResult {
  out: string;
  samples: FilteredSample[];
  reads: number;
  kept: number;
  seconds: number;
}
