import { z } from 'zod';
import { EmbeddingSettings, RemoveGaps } from '../embed/embedding-settings.ts';
import { EngineError } from '../shared/engine-error.ts';
import { loadConfig, parseConfig } from '../shared/yaml-config.ts';
import { MAX_SEED_WEIGHT } from '../seeds/index.ts';

/** A taxon in a filter: an NCBI taxid, or a name matched against the references' lineages. */
const Taxon = z.union([z.number().int().positive(), z.string().min(1)]);

/** candidates.seeds when the configuration leaves it out (zod's defaults are not parsed, so every key is here). */
const SEED_DEFAULTS = {
  /**
   * Weight 5 spaced: diamond's best hit is among the fast pass's 5 best references for 90 % of the MFO benchmark's
   * queries and among its 20 best for 95 %. Weight 6 (11011011) visits 13× fewer postings but reaches 89 % and 93 %,
   * and sends 14 % more queries to the sensitive pass.
   */
  shape: '1101011',
  /** Candidates aligned per query and pass: 10 instead of 5 doubled the alignments and raised no namespace's Fmax. */
  per_query: 5,
  max_evalue: 0.001,
  threads: 0,
};

const SummaryMetric = z.enum(['reliability_index', 'distance', 'identity', 'similarity', 'alignment_score']);
const Aggregation = z.enum(['max', 'min', 'mean']);

/**
 * The run configuration of `annotate`, as written in a run.yaml and echoed to experiment_config.yaml. Key names
 * follow FANTASIA's experiment.yaml where the concept is the same (limit_per_entry, distance_threshold,
 * redundancy_filter, alignment_coverage, taxonomy_ids_to_exclude, ...), so a FANTASIA user can read it at once.
 * Every object is strict: a mistyped key is an error naming it, never a silently ignored setting.
 */
export const AnnotateConfig = z
  .object({
    /** Nearest references kept per query, per model and layer (k). */
    limit_per_entry: z.number().int().min(1).max(1000).default(5),
    distance_metric: z.enum(['cosine', 'euclidean']).default('cosine'),
    /** Which of the reference's models and layers to use, and per-model distance cut-offs; absent: all. */
    models: z
      .record(
        z.string(),
        z
          .object({
            layers: z.array(z.number().int()).min(1).optional(),
            /** Hits farther than this are dropped before k is applied; false: no cut-off (FANTASIA's convention). */
            distance_threshold: z.union([z.number().positive(), z.literal(false)]).default(false),
          })
          .strict(),
      )
      .optional(),
    /** Query-aware redundancy masking: identity at or above this (0-1) with enough coverage excludes a reference; 0: off. */
    redundancy_filter: z.number().min(0).max(1).default(0),
    /** Minimum share of both the query and the reference covered by the alignment for redundancy_filter to apply. */
    alignment_coverage: z.number().min(0).max(1).default(0),
    alignment: z
      .object({
        /** Align each query with each reported hit and add the metrics to raw results and the summary. */
        enabled: z.boolean().default(false),
        modes: z.array(z.enum(['global', 'local'])).min(1).default(['global', 'local']),
        /**
         * auto: align inside the diagonal band that shared k-mers point to (4x faster on related pairs; falls back to
         * the full matrix when no band is found); full: always the whole dynamic-programming matrix.
         */
        band: z.enum(['auto', 'full']).default('auto'),
        /** Threads aligning hits (alignment metrics and the redundancy filter); 0: one per core. */
        threads: z.number().int().min(0).max(256).default(0),
      })
      .strict()
      .default({ enabled: false, modes: ['global', 'local'], band: 'auto', threads: 0 }),
    candidates: z
      .object({
        /**
         * Where each query's hits come from. embedding: its k nearest references (goPredSim). seeds: the seed
         * prefilter's best per_query references (shared spaced seeds, as MMseqs2 and diamond find homologues), ranked
         * by local alignment; the k best-scoring significant ones become the hits. both: the embedding's k nearest
         * that have an extended seed hit join the seed candidates, ranked the same way. Seeds need
         * protein sequences on both sides.
         */
        source: z.enum(['embedding', 'seeds', 'both']).default('embedding'),
        seeds: z
          .object({
            /** Spaced seed over an 11-letter reduced alphabet: '1' positions must match; weight 4–6. */
            shape: z.string().regex(/^1([01]*1)?$/, 'a pattern of 0s and 1s starting and ending with 1').default(SEED_DEFAULTS.shape),
            /** Seed candidates aligned per query, besides the embedding's k with source both. */
            per_query: z.number().int().min(1).max(1000).default(SEED_DEFAULTS.per_query),
            /**
             * Candidates whose local alignment is expected this often by chance in the whole reference (BLAST's
             * e-value) are not hits; diamond's default. Short local alignments of unrelated proteins have high identity.
             */
            max_evalue: z.number().positive().default(SEED_DEFAULTS.max_evalue),
            /** Alignment threads; 0: one per core. */
            threads: z.number().int().min(0).max(256).default(SEED_DEFAULTS.threads),
          })
          .strict()
          .default(SEED_DEFAULTS),
      })
      .strict()
      .default({ source: 'embedding', seeds: SEED_DEFAULTS }),
    taxonomy_ids_to_exclude: z.array(Taxon).default([]),
    /** When not empty, only references of these taxa are searched (applied before the exclude list). */
    taxonomy_ids_included_exclusively: z.array(Taxon).default([]),
    /** Include or exclude every descendant of the listed taxa too (needs ncbi_taxonomy for numeric taxids). */
    get_descendants: z.boolean().default(false),
    /** Folder with NCBI's nodes.dmp and names.dmp. */
    ncbi_taxonomy: z.string().min(1).optional(),
    approximate: z
      .object({
        /** Reference sets with at least this many rows are searched through a LanceDB IVF-PQ index. */
        min_references: z.number().int().min(1).default(1_000_000),
        /** Partitions probed per query: more is slower and closer to exact. */
        nprobes: z.number().int().min(1).default(32),
        /** Candidates re-ranked with full vectors, as a multiple of k. */
        refine_factor: z.number().int().min(1).default(10),
        /** Queries also searched exactly to report the recall of the approximate search. */
        recall_sample: z.number().int().min(0).default(100),
      })
      .strict()
      .default({ min_references: 1_000_000, nprobes: 32, refine_factor: 10, recall_sample: 100 }),
    summary: z
      .object({
        /** Per metric, the aggregations written as `<metric>_<aggregation>` columns of summary.csv. */
        aggregations: z.partialRecord(SummaryMetric, z.array(Aggregation).min(1)).default({ reliability_index: ['max', 'mean'] }),
        /**
         * final_score = Σ weight × column / Σ weight over the named columns: any `<metric>_<aggregation>` column
         * or `support` (hits carrying the term / k). Metrics where larger is worse (distance) enter as 1 - value.
         */
        weights: z.record(z.string(), z.number().min(0)).default({ reliability_index_max: 0.5, support: 0.5 }),
      })
      .strict()
      .default({ aggregations: { reliability_index: ['max', 'mean'] }, weights: { reliability_index_max: 0.5, support: 0.5 } }),
    embedding: EmbeddingSettings,
    remove_gaps: RemoveGaps,
    /** Queries scored per lookup graph run (FANTASIA's batch_size). */
    batch_size: z.number().int().min(1).max(65_536).default(256),
  })
  .strict();
export type AnnotateConfig = z.output<typeof AnnotateConfig>;
export type AnnotateConfigInput = z.input<typeof AnnotateConfig>;

export function parseAnnotateConfig(input: unknown, source: string): AnnotateConfig {
  const config = parseConfig(AnnotateConfig, input, source);
  checkConfig(config, source);
  return config;
}

export async function loadAnnotateConfig(path: string | undefined, overrides: AnnotateConfigInput = {}): Promise<AnnotateConfig> {
  const { config, source } = await loadConfig(AnnotateConfig, path, overrides);
  checkConfig(config, source);
  return config;
}

function checkConfig(config: AnnotateConfig, source: string): void {
  checkWeights(config, source);
  const weight = [...config.candidates.seeds.shape].filter((c) => c === '1').length;
  if (weight < MIN_SEED_WEIGHT || weight > MAX_SEED_WEIGHT) {
    throw new EngineError('invalid_config', `${source}: candidates.seeds.shape "${config.candidates.seeds.shape}" has weight ${weight}; use ${MIN_SEED_WEIGHT} to ${MAX_SEED_WEIGHT} matched positions`);
  }
}

/** Below 4 nearly every reference shares seeds with every query; above MAX_SEED_WEIGHT postings cannot hold the seed's residues. */
const MIN_SEED_WEIGHT = 4;

/** Summary columns a weight may name, given the aggregations asked for. */
export function summaryColumns(config: AnnotateConfig): string[] {
  const columns = ['support'];
  for (const [metric, aggregations] of Object.entries(config.summary.aggregations)) {
    for (const aggregation of aggregations ?? []) columns.push(`${metric}_${aggregation}`);
  }
  return columns;
}

const ALIGNMENT_METRICS = new Set(['identity', 'similarity', 'alignment_score']);

function checkWeights(config: AnnotateConfig, source: string): void {
  const columns = summaryColumns(config);
  for (const name of Object.keys(config.summary.weights)) {
    if (!columns.includes(name)) {
      throw new EngineError('invalid_config', `${source}: summary.weights names "${name}", which is not a summary column (columns: ${columns.join(', ')})`);
    }
  }
  const needsAlignment = Object.keys(config.summary.aggregations).some((metric) => ALIGNMENT_METRICS.has(metric));
  if (needsAlignment && !config.alignment.enabled) {
    throw new EngineError('invalid_config', `${source}: summary.aggregations uses alignment metrics, which need alignment.enabled: true`);
  }
  if (Object.values(config.summary.weights).every((w) => w === 0)) {
    throw new EngineError('invalid_config', `${source}: summary.weights are all zero, so final_score would be undefined`);
  }
}
