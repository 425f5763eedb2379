import { z } from 'zod';
import { EmbeddingSettings, RemoveGaps } from '../embed/embedding-settings.ts';
import { DEFAULT_MIN_CONFIDENCE, MinConfidence } from './rank-thresholds.ts';
import { MAX_READ_ERROR_RATE } from './read-error-bound.ts';

/**
 * The run configuration of `classify`, as written in a run.yaml and echoed to experiment_config.yaml. Strict at
 * every level: a mistyped key is an error naming it.
 */
export const ClassifyConfig = z
  .object({
    /** Voting neighbours; auto: chosen with the kernel bandwidth by leave-one-out on the reference. */
    k: z.union([z.literal('auto'), z.number().int().min(1).max(20)]).default('auto'),
    /**
     * Ranks whose calibrated confidence is below this are left unassigned (and every rank below them); 0 gives
     * the full lineage of the best call. One number, or per rank: `{ genus: 0.8, default: 0.5 }` (see rank-thresholds.ts).
     */
    min_confidence: MinConfidence.default(DEFAULT_MIN_CONFIDENCE),
    /** Which of the reference's embeddings to search; absent: its first. */
    model: z.string().min(1).optional(),
    layer: z.number().int().optional(),
    /** Two-column TSV, read id → sample, for reads whose headers carry no `;sample=`. */
    sample_map: z.string().min(1).optional(),
    /**
     * An ASV/OTU × sample count table (vsearch --otutabout, BIOM TSV, DADA2's seqtab as TSV/CSV): each read it
     * counts is counted in every sample it names, with that count, instead of in one sample (see count-table.ts).
     */
    counts: z.string().min(1).optional(),
    calibration: z
      .object({
        /** References used as leave-one-out queries to fit the vote and its calibration (a seeded sample above this). */
        max_references: z.number().int().min(100).default(20_000),
        /**
         * Sequencing errors per base of the reads (0.05 for Nanopore reads of about Q13): the leave-one-out queries are
         * then copies of the references with errors at that rate, so that noisy reads are judged against examples as
         * far from their references as they are (see read-errors.ts). auto: the rate the reads' FASTQ qualities state,
         * when at least 0.5% (Illumina reads stay with the clean fit); 0 for FASTA.
         */
        read_error_rate: z.union([z.literal('auto'), z.number().min(0).max(MAX_READ_ERROR_RATE)]).default('auto'),
      })
      .strict()
      .default({ max_references: 20_000, read_error_rate: 'auto' }),
    /**
     * DNA reads: `both` compares each read and its reverse complement with the reference and keeps the nearer, for
     * libraries whose reads come in either orientation (at the cost of embedding the reads twice); `forward` takes
     * every read as written.
     */
    strand: z.enum(['both', 'forward']).default('both'),
    /** Align each novel read to its nearest references and list the ones two references explain (chimeras.tsv). */
    chimera_check: z.boolean().default(true),
    embedding: EmbeddingSettings,
    remove_gaps: RemoveGaps,
  })
  .strict();
export type ClassifyConfig = z.output<typeof ClassifyConfig>;
