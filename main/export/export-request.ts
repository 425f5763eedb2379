import { z } from 'zod';

const run = z.string().min(1);
const out = z.string().min(1);
const rank = z.string().min(1);

/**
 * What `engine.exportRun` accepts (the CLI's `seqatlas export <kind>` and the desktop app alike). `run` is a
 * classify run folder; `out` is a file, except for darwin-core, diversity and fasta by rank, which write a folder.
 */
export const ExportRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('taxon-table'), run, out, rank: rank.optional(), format: z.enum(['tsv', 'csv']).default('tsv') }).strict(),
  z.object({ kind: z.literal('biom'), run, out, rank: rank.optional() }).strict(),
  /** Reads (ASVs) × samples with each read's lineage: the feature and taxonomy tables of phyloseq and QIIME 2. */
  z.object({ kind: z.literal('feature-table'), run, out, format: z.enum(['tsv', 'csv', 'biom']).default('tsv') }).strict(),
  z.object({ kind: z.literal('darwin-core'), run, out, metadata: z.string().min(1).optional() }).strict(),
  z
    .object({ kind: z.literal('fasta'), run, out, rank: rank.optional(), novel: z.boolean().default(false) })
    .strict()
    .refine((request) => (request.rank !== undefined) !== request.novel, { message: 'give exactly one of rank (one file per taxon) or novel', path: ['rank'] }),
  z.object({ kind: z.literal('report'), run, out, rank: rank.optional() }).strict(),
  /**
   * Alpha diversity, rarefaction, Bray–Curtis and Jaccard between samples and their principal coordinates, over taxa
   * (at `rank`, or the full assigned lineages) or over the reads themselves (ASVs); a folder of TSV files.
   */
  z.object({ kind: z.literal('diversity'), run, out, rank: rank.optional(), features: z.enum(['taxa', 'reads']).default('taxa') }).strict(),
  z.object({ kind: z.literal('metadata-template'), run, out }).strict(),
]);
export type ExportRequest = z.input<typeof ExportRequest>;
export type ExportKind = ExportRequest['kind'];

export interface ExportResult {
  kind: ExportKind;
  /** Files written, with their data rows (table rows, FASTA records, occurrences; 1 for a report). */
  files: { path: string; records: number }[];
  /** Reads left out of the files, with why (e.g. not assigned down to the rank of a per-taxon FASTA). */
  skipped?: { reads: number; reason: string };
}
