import { z } from 'zod';
import type { EmbedResult } from '../embed-request.ts';
import { EmbedRequest } from '../embed-request.ts';
import type { JobEvent } from '../job-events.ts';
import { ClassifyRequest, type ClassifyResult } from '../../classify/classify-request.ts';
import { AnnotateRequest, type AnnotateResult } from '../../annotate/annotate-request.ts';
import { ExportRequest, type ExportResult } from '../../export/export-request.ts';
import { ClusterRequest, type ClusterResult } from '../../cluster/cluster-request.ts';
import { TrainRequest, type TrainResult } from '../../classify/bundle/train-request.ts';
import { MergePairsRequest, type MergePairsResult } from '../../pairs/merge-request.ts';
import { FilterReadsRequest, type FilterReadsResult } from '../../filter/filter-request.ts';
import { DenoiseRequest, type DenoiseResult } from '../../derep/denoise-request.ts';
import type { BundleListing } from './store-bundles.ts';
import { ReferenceBuildRequest, ReferenceName, type ReferenceBuildResult, type ReferenceDescription } from '../../references/reference-request.ts';
import type { StoreDescription } from '../../store/store-description.ts';
import type { IssueRow } from '../../store/catalog.ts';
import type { ModelSummary, RunListing, RunTable, ClusterMap, InputValidation, GoSummaryTable } from './contract-results.ts';
import { SaveSampleMetadataRequest, type RunMetadataFile, type StoredSampleMetadata } from './sample-metadata-request.ts';
import type { RunSequences } from './run-sequences.ts';
import { MAX_SEQUENCE_IDS } from './sequence-limits.ts';

/**
 * The one definition of SeqAtlas's remote API: method name → request schema → result type. The Electron main
 * process, its preload, the HTTP server and the renderer all read this table, so a method cannot exist on one side
 * only, and every request is validated by the same zod schema before it reaches the engine. Requests are the
 * engine's own schemas where the engine has one; results are types only (the engine produces them).
 */
const path = z.string().min(1);
const store = z.object({ store: path }).strict();

/** Marks a method's result type; the value is never read (the table is a type-level map for results). */
const returns = <Result>() => undefined as unknown as Result;

/** Quick requests: answered at once. */
export const CALLS = {
  listModels: { request: z.object({}).strict(), result: returns<{ models: ModelSummary[]; problems: string[] }>() },
  storeInfo: { request: store, result: returns<StoreDescription>() },
  /** Makes an empty or missing folder a store (the Home screen's "new store"); an existing store is left as it is. */
  createStore: { request: store, result: returns<StoreDescription>() },
  importIssues: {
    request: z.object({ store: path, dataset: z.string().min(1), limit: z.number().int().positive().max(100_000).default(1000) }).strict(),
    result: returns<{ datasetId: string; total: number; issues: IssueRow[] }>(),
  },
  listReferences: { request: store, result: returns<ReferenceDescription[]>() },
  describeReference: { request: z.object({ store: path, name: ReferenceName }).strict(), result: returns<ReferenceDescription>() },
  validateInput: { request: z.object({ input: path, maxIssues: z.number().int().positive().max(10_000).default(200), removeGaps: z.boolean().default(false) }).strict(), result: returns<InputValidation>() },
  listRuns: { request: store, result: returns<RunListing[]>() },
  /** Dropped or chosen paths with folders replaced by the FASTA/FASTQ(.gz) files below them. */
  expandInputs: { request: z.object({ paths: z.array(path).min(1).max(1000) }).strict(), result: returns<string[]>() },
  readRun: { request: z.object({ run: path }).strict(), result: returns<RunTable>() },
  /** The first rows of an annotate run's summary.csv (GO terms per query, best first). */
  readGoSummary: { request: z.object({ run: path, limit: z.number().int().positive().max(10_000).default(500) }).strict(), result: returns<GoSummaryTable>() },
  /** The classifier bundles trained into `<store>/bundles` (classify --bundle), unusable ones with their reason. */
  listBundles: { request: store, result: returns<BundleListing[]>() },
  readClusterMap: { request: z.object({ run: path }).strict(), result: returns<ClusterMap>() },
  exportRun: { request: ExportRequest, result: returns<ExportResult>() },
  /** The store's sample metadata (site, date, coordinates, gene, primers) as the Import screen saved it. */
  readSampleMetadata: { request: store, result: returns<StoredSampleMetadata>() },
  /** Adds or replaces samples' rows in `<store>/samples.tsv` (the Darwin Core template's columns). */
  saveSampleMetadata: { request: SaveSampleMetadataRequest, result: returns<{ path: string; samples: number }>() },
  /** Writes `<run>/samples.tsv` with the run's samples from the store's table: the Darwin Core export's default metadata. */
  writeRunMetadata: { request: z.object({ store: path, run: path }).strict(), result: returns<RunMetadataFile>() },
  /** Stored sequences of some reads of a run (classify or cluster) for a FASTA of a map selection. */
  readRunSequences: {
    request: z.object({ run: path, ids: z.array(z.string().min(1)).min(1).max(MAX_SEQUENCE_IDS) }).strict(),
    result: returns<RunSequences>(),
  },
} as const;

/** Long work: `startJob` returns a job id at once; progress, logs, the result or the error arrive as JobEvents. */
export const JOBS = {
  embed: { request: EmbedRequest, result: returns<EmbedResult>() },
  buildReference: { request: ReferenceBuildRequest, result: returns<ReferenceBuildResult>() },
  annotate: { request: AnnotateRequest, result: returns<AnnotateResult>() },
  classify: { request: ClassifyRequest, result: returns<ClassifyResult>() },
  /** UMAP map and HDBSCAN clusters of a dataset's embeddings, summarised against a classify run's assignments. */
  cluster: { request: ClusterRequest, result: returns<ClusterResult>() },
  /** A classifier bundle (calibrated softmax head per rank) trained on a reference set, for classify with `bundle`. */
  train: { request: TrainRequest, result: returns<TrainResult>() },
  /** One FASTQ of merged reads per paired-end sample (its R1 and R2 files), for classify and embed. */
  mergePairs: { request: MergePairsRequest, result: returns<MergePairsResult>() },
  /** Single-end FASTQ reads cut to their primers, truncated and quality-filtered: one FASTQ per input file. */
  filterReads: { request: FilterReadsRequest, result: returns<FilterReadsResult>() },
  /** The true sequences among amplicon reads (UNOISE) and a count table of every sample's reads per sequence. */
  denoise: { request: DenoiseRequest, result: returns<DenoiseResult>() },
} as const;

export type CallName = keyof typeof CALLS;
export type JobName = keyof typeof JOBS;
export type CallRequest<N extends CallName> = z.input<(typeof CALLS)[N]['request']>;
export type CallResult<N extends CallName> = (typeof CALLS)[N]['result'];
export type JobRequest<N extends JobName> = z.input<(typeof JOBS)[N]['request']>;
export type JobResult<N extends JobName> = (typeof JOBS)[N]['result'];

export const isCallName = (name: string): name is CallName => Object.hasOwn(CALLS, name);
export const isJobName = (name: string): name is JobName => Object.hasOwn(JOBS, name);

export const StartJobRequest = z.object({ job: z.string().min(1), request: z.unknown() }).strict();
export const JobIdRequest = z.object({ jobId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) }).strict();

/** A failure as every transport reports it: the engine's error code and its one-line message. */
export interface ApiError {
  code: string;
  message: string;
}

/**
 * What the renderer talks to, whatever carries it (preload bridge or HTTP). Events of a job are replayed from its
 * start to a late subscriber, so a screen opened after the job started still sees its whole progress.
 */
export interface SeqAtlasApi {
  call<N extends CallName>(name: N, request: CallRequest<N>): Promise<CallResult<N>>;
  startJob<N extends JobName>(name: N, request: JobRequest<N>): Promise<{ jobId: string }>;
  cancelJob(jobId: string): Promise<void>;
  subscribe(jobId: string, onEvent: (event: JobEvent) => void): () => void;
}

export type { JobEvent };
