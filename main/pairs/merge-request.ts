import { z } from 'zod';
import { PrimerPair } from '../io/primer-region.ts';
import { DEFAULT_MERGE, MERGE_FAILURES } from './pair-merger.ts';

export const MergePairsRequest = z
  .object({
    /** Paired-end FASTQ files (plain or gzip) or folders of them; files are paired by name (see read-pair-files.ts). */
    input: z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(2000)]),
    /** Folder for one merged FASTQ per sample, merge_report.tsv and run.json. */
    out: z.string().min(1),
    minOverlap: z.number().int().min(5).max(1000).default(DEFAULT_MERGE.minOverlap),
    maxDiffs: z.number().int().min(0).max(1000).default(DEFAULT_MERGE.maxDiffs),
    allowStagger: z.boolean().default(DEFAULT_MERGE.allowStagger),
    /** vsearch's --fastq_maxee after merging (1 is usual); null keeps every merged read. */
    maxExpectedErrors: z.number().positive().nullable().default(DEFAULT_MERGE.maxExpectedErrors),
    minLength: z.number().int().min(1).default(DEFAULT_MERGE.minLength),
    /**
     * Cut each merged read to the region between these primers, primers removed (as cutadapt with a linked adapter
     * and --discard-untrimmed): reads without both sites are dropped. Either strand is taken.
     */
    region: PrimerPair.optional(),
  })
  .strict();
export type MergePairsRequest = z.input<typeof MergePairsRequest>;

/**
 * Pairs not merged (or merged and dropped), by reason: the merger's, `no_primers` (a merged read without both primer
 * sites) and `unreadable` (a mate the reader refused: a bad character, a truncated record).
 */
export const FAILURES = [...MERGE_FAILURES, 'no_primers', 'unreadable'] as const;
export type FailureCounts = Record<(typeof FAILURES)[number], number>;

export interface MergedSample {
  sample: string;
  /** The merged FASTQ: every lane of the sample in one file. */
  file: string;
  /** Its pairs of files, forward and reverse. */
  pairs: { forward: string; reverse: string }[];
  readPairs: number;
  merged: number;
  failed: FailureCounts;
  /** Means over merged reads; null when none merged. */
  meanLength: number | null;
  meanOverlap: number | null;
}

export interface MergePairsResult {
  out: string;
  samples: MergedSample[];
  /** Input files with no mate: not merged (single reads, or reads merged already). */
  unpaired: string[];
  readPairs: number;
  merged: number;
  seconds: number;
}
