import { z } from 'zod';

/** Names of written sequences: PREFIX1, PREFIX2, … in order of abundance (FASTA headers and count-table rows). */
export const Relabel = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,30}$/, 'letters, digits, _ . - (starting with a letter)');

export const DereplicateRequest = z
  .object({
    /** Reads, FASTA/FASTQ (plain or gzip) or folders of them; each file's untagged reads are its sample. */
    input: z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(2000)]),
    /** FASTA of the unique sequences, most abundant first, each `>PREFIXn;size=N`. */
    out: z.string().min(1),
    /** Count table of the unique sequences × samples (vsearch's --otutabout layout), for classify --counts. */
    counts: z.string().min(1),
    /** Unique sequences seen fewer times than this, in all samples together, are left out (2 drops singletons). */
    minSize: z.number().int().min(1).default(1),
    relabel: Relabel.default('Uniq'),
  })
  .strict();
export type DereplicateRequest = z.input<typeof DereplicateRequest>;

export interface DereplicateResult {
  out: string;
  counts: string;
  /** Reads read (with their ;size=), unique sequences written, and those left out by minSize with their reads. */
  reads: number;
  uniques: number;
  belowMinSize: { uniques: number; reads: number };
  samples: string[];
  seconds: number;
}
