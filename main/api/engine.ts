import { discoverBundles, type BundleProblem, type ModelBundle } from '../models/bundle-registry.ts';
import { runEmbedJob } from '../embed/embed-job.ts';
import { BUNDLED_MODELS_DIR, userModelsDir } from '../shared/app-paths.ts';
import { EngineError } from '../shared/engine-error.ts';
import { describeStore, type StoreDescription } from '../store/store-description.ts';
import { Store } from '../store/store.ts';
import type { IssueRow } from '../store/catalog.ts';
import type { ExportH5Request, ExportH5Result, ImportH5Request, ImportH5Result } from '../exchange/h5-store-bridge.ts';
import type { EmbedRequest, EmbedResult } from './embed-request.ts';
import { runAnnotate } from '../annotate/annotate-run.ts';
import { runClassify } from '../classify/classify-run.ts';
import type { ClassifyRequest, ClassifyResult } from '../classify/classify-request.ts';
import { runTrain } from '../classify/bundle/train-run.ts';
import type { TrainRequest, TrainResult } from '../classify/bundle/train-request.ts';
import { evaluateTaxonomy, type EvaluateTaxonomyRequest, type EvaluateTaxonomyResult } from '../export/evaluate-taxonomy.ts';
import type { ExportRequest, ExportResult } from '../export/export-request.ts';
import { exportRun } from '../export/export-run.ts';
import type { AnnotateRequest, AnnotateResult } from '../annotate/annotate-request.ts';
import { buildReference, deleteReference, describeReference, listReferences } from '../references/reference-sets.ts';
import type { ReferenceBuildRequest, ReferenceBuildResult, ReferenceDescription } from '../references/reference-request.ts';
import { evaluateGoPredictions, type EvaluateGoRequest, type EvaluateGoResult } from '../evaluate/evaluate-go-run.ts';
import { callSink } from './call-sink.ts';
import { runningControl, type EventSink, type JobControl } from './job-events.ts';
import { runCluster } from '../cluster/cluster-run.ts';
import type { ClusterRequest, ClusterResult } from '../cluster/cluster-request.ts';
import { evaluateEmbedding } from '../evaluate/embedding-evaluation.ts';
import { runMergePairs } from '../pairs/merge-pairs-run.ts';
import { runFilterReads } from '../filter/filter-reads-run.ts';
import type { FilterReadsRequest, FilterReadsResult } from '../filter/filter-request.ts';
import { runDereplicate } from '../derep/derep-run.ts';
import type { DereplicateRequest, DereplicateResult } from '../derep/derep-request.ts';
import { runDenoise } from '../derep/denoise-run.ts';
import type { DenoiseRequest, DenoiseResult } from '../derep/denoise-request.ts';
import type { MergePairsRequest, MergePairsResult } from '../pairs/merge-request.ts';
import type { EvaluateEmbeddingRequest, EvaluateEmbeddingResult } from '../evaluate/embedding-request.ts';

export interface EngineOptions {
  /** Extra model folders; the bundled folder and the user's models folder are always searched. */
  modelDirs?: string[];
}

export interface RunOptions {
  emit?: EventSink;
  control?: JobControl;
}

/**
 * The one typed entry point to SeqAtlas. The CLI, the Electron job host and the HTTP server call these methods
 * and nothing below them, so every caller gets the same validation, errors and events.
 */
export class Engine {
  private readonly modelRoots: string[];

  constructor(options: EngineOptions = {}) {
    this.modelRoots = [BUNDLED_MODELS_DIR, userModelsDir(), ...(options.modelDirs ?? [])];
  }

  async listModels(): Promise<{ bundles: ModelBundle[]; problems: BundleProblem[] }> {
    return discoverBundles(this.modelRoots);
  }

  async findModel(id: string): Promise<ModelBundle> {
    const { bundles, problems } = await this.listModels();
    const bundle = bundles.find((b) => b.manifest.id === id);
    if (bundle) return bundle;
    const broken = problems.find((p) => p.id === id);
    if (broken) throw new EngineError('invalid_bundle', broken.message);
    throw new EngineError('unknown_model', `unknown model "${id}"; installed: ${bundles.map((b) => b.manifest.id).join(', ') || 'none'} (seqatlas models list)`);
  }

  /** One FASTQ of merged reads per paired-end sample (its R1 and R2 files), for classify and embed. */
  async mergePairs(request: MergePairsRequest, options: RunOptions = {}): Promise<MergePairsResult> {
    return runMergePairs(request, { emit: callSink(options.emit), control: options.control ?? runningControl() });
  }

  /** Single-end reads cut to their primers, truncated and quality-filtered: one FASTQ per input file. */
  async filterReads(request: FilterReadsRequest, options: RunOptions = {}): Promise<FilterReadsResult> {
    return runFilterReads(request, { emit: callSink(options.emit), control: options.control ?? runningControl() });
  }

  /** The unique sequences of reads with their counts per sample: a FASTA and a count table for classify --counts. */
  async dereplicate(request: DereplicateRequest, options: RunOptions = {}): Promise<DereplicateResult> {
    return runDereplicate(request, { emit: callSink(options.emit), control: options.control ?? runningControl() });
  }

  /** The true sequences among amplicon reads (UNOISE zotus) and every read's count for one: FASTA and count table. */
  async denoise(request: DenoiseRequest, options: RunOptions = {}): Promise<DenoiseResult> {
    return runDenoise(request, { emit: callSink(options.emit), control: options.control ?? runningControl() });
  }

  async embed(request: EmbedRequest, options: RunOptions = {}): Promise<EmbedResult> {
    return runEmbedJob(request, {
      findBundle: (id) => this.findModel(id),
      emit: callSink(options.emit),
      control: options.control ?? runningControl(),
    });
  }

  /** Builds a reference set, or adds a model/layer to one; resumable like any embedding job. */
  async buildReference(request: ReferenceBuildRequest, options: RunOptions = {}): Promise<ReferenceBuildResult> {
    return buildReference(request, {
      embed: (embedRequest, embedOptions) => this.embed(embedRequest, embedOptions),
      emit: callSink(options.emit),
      control: options.control ?? runningControl(),
    });
  }

  async listReferences(store: string): Promise<ReferenceDescription[]> {
    return listReferences(store);
  }

  async describeReference(store: string, name: string): Promise<ReferenceDescription> {
    return describeReference(store, name);
  }

  async deleteReference(store: string, name: string): Promise<{ name: string; deletedRows: boolean }> {
    return deleteReference(store, name);
  }

  /** GO-term transfer from a reference set to query sequences (FASTA, embedded here) or embeddings (HDF5). */
  async annotate(request: AnnotateRequest, options: RunOptions = {}): Promise<AnnotateResult> {
    return runAnnotate(request, {
      embed: (embedRequest, embedOptions) => this.embed(embedRequest, embedOptions),
      emit: callSink(options.emit),
      control: options.control ?? runningControl(),
    });
  }

  /** Taxonomy for every read from its nearest labelled references, with calibrated confidence and novelty. */
  async classify(request: ClassifyRequest, options: RunOptions = {}): Promise<ClassifyResult> {
    return runClassify(request, {
      embed: (embedRequest, embedOptions) => this.embed(embedRequest, embedOptions),
      findModel: (id) => this.findModel(id),
      emit: callSink(options.emit),
      control: options.control ?? runningControl(),
    });
  }

  /** UMAP map and HDBSCAN clusters of a dataset's embeddings (or a vectors TSV), with per-cluster summaries. */
  async cluster(request: ClusterRequest, options: RunOptions = {}): Promise<ClusterResult> {
    return runCluster(request, { emit: callSink(options.emit), control: options.control ?? runningControl() });
  }

  /** How well a model's embeddings separate known labels, per rank, by every registered embedding benchmark. */
  async evaluateEmbedding(request: EvaluateEmbeddingRequest, options: RunOptions = {}): Promise<EvaluateEmbeddingResult> {
    return evaluateEmbedding(request, { emit: callSink(options.emit), control: options.control ?? runningControl() });
  }

  /** Trains a classifier bundle (softmax head per rank, temperature-calibrated) on a reference set's embeddings. */
  async train(request: TrainRequest, options: RunOptions = {}): Promise<TrainResult> {
    return runTrain(request, { emit: callSink(options.emit), control: options.control ?? runningControl(), findModel: (id) => this.findModel(id) });
  }

  /** CAFA protein-centric Fmax of GO predictions against a truth file, per namespace. */
  async evaluateGo(request: EvaluateGoRequest): Promise<EvaluateGoResult> {
    return evaluateGoPredictions(request);
  }

  /** Per-rank accuracy, precision, coverage and decision accuracy of a classification against known lineages. */
  async evaluateTaxonomy(request: EvaluateTaxonomyRequest): Promise<EvaluateTaxonomyResult> {
    return evaluateTaxonomy(request);
  }

  /** An export of a classification run: taxon table, BIOM, Darwin Core, FASTA per taxon or of novel reads, HTML report. */
  async exportRun(request: ExportRequest): Promise<ExportResult> {
    return exportRun(request);
  }

  async storeInfo(store: string): Promise<StoreDescription> {
    return describeStore(store);
  }

  async importIssues(storeDir: string, datasetId: string, limit = 1000): Promise<{ datasetId: string; total: number; issues: IssueRow[] }> {
    const store = await Store.open(storeDir, { readonly: true });
    try {
      if (!store.catalog.getDataset(datasetId)) throw new EngineError('unknown_dataset', `store ${store.dir} has no dataset "${datasetId}" (seqatlas store info --store ${store.dir})`);
      return { datasetId, total: store.catalog.countIssues(datasetId), issues: store.catalog.listIssues(datasetId, limit) };
    } finally {
      await store.close();
    }
  }

  // HDF5 support is loaded on first use: h5wasm reserves about 600 MB of WebAssembly memory when it starts, which
  // every other command (and the embedding job's memory budget) should not pay for.
  async exportH5(request: ExportH5Request): Promise<ExportH5Result> {
    const { exportEmbeddingsToH5 } = await import('../exchange/h5-store-bridge.ts');
    return exportEmbeddingsToH5(request);
  }

  async importH5(request: ImportH5Request): Promise<ImportH5Result> {
    const { importEmbeddingsFromH5 } = await import('../exchange/h5-store-bridge.ts');
    return importEmbeddingsFromH5(request);
  }
}
