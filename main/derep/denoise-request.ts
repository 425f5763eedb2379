import { z } from 'zod';
import { Relabel } from './derep-request.ts';
import { DEFAULT_UNOISE } from './unoise.ts';

export const DenoiseRequest = z
  .object({
    /** Reads, FASTA/FASTQ (plain or gzip) or folders of them (merged, primer-cut); each file's untagged reads are its sample. */
    input: z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(2000)]),
    /** FASTA of the denoised sequences (zero-radius OTUs), most abundant first, each `>PREFIXn;size=N`. */
    out: z.string().min(1),
    /** Count table of the denoised sequences × samples (every read mapped to one), for classify --counts. */
    counts: z.string().min(1),
    /** Unique sequences seen fewer times than this are not candidates (their reads are still mapped). */
    minSize: z.number().int().min(1).default(DEFAULT_UNOISE.minSize),
    /** UNOISE's α: how much rarer each extra difference makes an error (2: 8× at one difference, 32× at two). */
    alpha: z.number().positive().default(DEFAULT_UNOISE.alpha),
    /** Reads of rarer sequences are counted for the most abundant denoised sequence at least this identical. */
    mapIdentity: z.number().min(0.5).max(1).default(0.97),
    /** Drop denoised sequences that are chimeras of two at least 16 times as abundant (UCHIME3 de novo). */
    chimeras: z.boolean().default(true),
    relabel: Relabel.default('Zotu'),
  })
  .strict();
export type DenoiseRequest = z.input<typeof DenoiseRequest>;

export interface DenoiseResult {
  out: string;
  counts: string;
  reads: number;
  uniques: number;
  /** Denoised sequences written. */
  zotus: number;
  /** Reads counted for a denoised sequence, and those close to none (left out of the table). */
  mapped: number;
  unmapped: number;
  /** Denoised sequences dropped as chimeras of two more abundant ones, and their reads (left out of the table). */
  chimeras: { sequences: number; reads: number };
  samples: string[];
  seconds: number;
}
