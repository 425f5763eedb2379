import { basename, resolve } from 'node:path';
import type { ModelBundle } from '../models/bundle-registry.ts';
import { createTokenizer } from '../models/tokenizers/tokenizer-factory.ts';
import { TokenizeError } from '../models/tokenizers/tokenizer.ts';
import { readSequences, type ReadEvent } from '../io/read-sequences.ts';
import { noRecordAccepted } from '../io/record-issue.ts';
import { SequenceFileError } from '../io/sequence-file-error.ts';
import { sniffFile } from '../io/sniff-file.ts';
import type { SeqRecord } from '../io/seq-record.ts';
import { countRecords } from '../io/record-counter.ts';
import { datasetIdFor, importFingerprint } from '../io/dataset-fingerprint.ts';
import { isPlainReading, type FileReading } from '../io/file-reading.ts';
import { EngineError } from '../shared/engine-error.ts';
import { Store } from '../store/store.ts';
import { driveFailure } from '../store/storage-failure.ts';
import { embeddingSchema, embeddingTableName, SEQUENCES_TABLE, sqlString } from '../store/lance-schemas.ts';
import type { IssueRow } from '../store/catalog.ts';
import type { EmbedRequest, EmbedRequestResolved, EmbedResult } from '../api/embed-request.ts';
import { EmbedRequest as EmbedRequestSchema } from '../api/embed-request.ts';
import type { EventSink, JobControl } from '../api/job-events.ts';
import { ProgressMeter } from '../api/progress-meter.ts';
import { parseRequest } from '../api/parse-request.ts';
import { batchLimitsFor, planBatches, type BatchLimits } from './batch-planner.ts';
import { SequenceEmbedder, type LayerSpec, type TokenizedSequence } from './sequence-embedder.ts';
import { openModelSession } from './model-session.ts';
import { writeRunRecord } from './run-record.ts';
import { CommitPipeline } from './commit-pipeline.ts';
import { writeBatch } from './batch-writer.ts';

/** Records per planning window: enough for length bucketing to pay off, small enough to keep memory flat. */
const WINDOW_RECORDS = 4096;
/** Residues per window, so a file of very long sequences still keeps memory bounded. */
const WINDOW_RESIDUES = 32_000_000;

export interface EmbedJobContext {
  findBundle(id: string): Promise<ModelBundle>;
  emit: EventSink;
  control: JobControl;
}

/** The batching settings a job was started with; a resumed job keeps them so it plans the same batches. */
interface JobConfig {
  input: string;
  fingerprint: string;
  modelVersion: string;
  layers: number[];
  limits: BatchLimits;
  window: { records: number; residues: number };
}

/**
 * Reads a FASTA/FASTQ file, embeds every accepted record with one model bundle and stores sequences and vectors.
 * Crash safety: each batch's rows go to LanceDB first, then the batch number is checkpointed in SQLite. On resume
 * the same batches are planned again (deterministic windows and bucketing), rows of batches after the checkpoint
 * (written but not checkpointed) are deleted, and work continues after the checkpoint: every accepted record ends
 * up stored exactly once, with the same vectors as an uninterrupted run.
 */
export async function runEmbedJob(requestInput: EmbedRequest, context: EmbedJobContext): Promise<EmbedResult> {
  const started = performance.now();
  const request = parseRequest(EmbedRequestSchema, requestInput, 'embed request');
  const input = resolve(request.input);
  const sniffed = await sniffFile(input).catch((error: Error) => {
    throw new EngineError('input_unreadable', error.message.split('\n')[0] ?? String(error));
  });
  const bundle = await context.findBundle(request.model);
  const manifest = bundle.manifest;
  if (sniffed.alphabet !== manifest.alphabet) {
    throw new EngineError('wrong_alphabet', `${input} looks like ${sniffed.alphabet} sequences but model ${manifest.id} embeds ${manifest.alphabet}; choose a ${sniffed.alphabet} model (seqatlas models list)`);
  }
  const layers = resolveLayers(bundle, request.layers);
  if ((request.region || request.reverseComplement) && manifest.alphabet !== 'dna') {
    throw new EngineError('bad_request', `primers and reverse complements are for DNA records, but model ${manifest.id} embeds ${manifest.alphabet}`);
  }
  const reading: FileReading = { removeGaps: request.removeGaps, region: request.region, ...(request.reverseComplement ? { reverseComplement: true } : {}) };
  const fingerprint = await importFingerprint(input, reading);
  const datasetId = datasetIdFor(input, fingerprint, request.dataset);
  const jobId = `embed:${datasetId}:${manifest.id}:${layers.map((l) => l.id).join(',')}`;

  const store = await Store.open(request.store, { create: true, lockFor: `embedding ${datasetId} with ${manifest.id}` });
  const pipeline = new CommitPipeline();
  try {
    const { catalog, lance } = store;
    const existing = catalog.getJob(jobId);
    if (existing?.status === 'done') {
      const dataset = catalog.getDataset(datasetId)!;
      return {
        jobId, datasetId, store: store.dir, runDir: '', model: manifest.id, layers: layers.map((l) => l.id),
        tables: layers.map((l) => embeddingTableName(manifest.id, l.id)), provider: existing.provider ?? 'unknown',
        read: dataset.records_read, accepted: dataset.accepted, rejected: dataset.rejected, embedded: existing.records_done,
        resumedFromBatch: null, alreadyDone: true, seconds: (performance.now() - started) / 1000, tokens: 0,
      };
    }
    const config: JobConfig = existing
      ? (JSON.parse(existing.config) as JobConfig)
      : {
          input,
          fingerprint,
          modelVersion: manifest.version,
          layers: layers.map((l) => l.id),
          limits: batchLimitsFor(manifest.batch, request.batch),
          window: { records: WINDOW_RECORDS, residues: WINDOW_RESIDUES },
        };
    if (existing && config.modelVersion !== manifest.version) {
      throw new EngineError('model_changed', `job ${jobId} was started with ${manifest.id} ${config.modelVersion}, but the installed bundle is ${manifest.version}; its vectors would mix two models`);
    }
    // A resume that repeats its request (the app's Resume does) is not told its batch settings are ignored.
    const differs = (asked: number | undefined, kept: number) => asked !== undefined && asked !== kept;
    if (existing && (differs(request.batch?.tokenBudget, config.limits.tokenBudget) || differs(request.batch?.maxBatchSize, config.limits.maxBatchSize))) {
      context.emit({ type: 'warning', jobId, message: `resuming ${jobId} with the batch settings it started with (${config.limits.tokenBudget} tokens, ${config.limits.maxBatchSize} rows); the new batch options are ignored` });
    }
    // Import ownership: the first job to embed a dataset also writes its sequences; later ones only vectors.
    let dataset = catalog.getDataset(datasetId);
    const writesSequences = dataset?.status !== 'ready';
    if (writesSequences && dataset?.import_job && dataset.import_job !== jobId) {
      // One job owns a dataset's import; letting a second one take over could leave sequences of batches the first
      // job already checkpointed unwritten. Finishing the first job is always possible and cheap.
      const owner = catalog.getJob(dataset.import_job);
      throw new EngineError(
        'import_unfinished',
        `dataset ${datasetId} is still being imported by job ${dataset.import_job} (${owner?.status ?? 'unknown'}); finish it first with: seqatlas embed --input ${input} --model ${owner?.model ?? '…'} --store ${store.dir}`,
      );
    }
    if (!existing) catalog.createJob({ id: jobId, kind: 'embed', dataset_id: datasetId, model: manifest.id, layers: JSON.stringify(config.layers), config: JSON.stringify(config) });
    else catalog.setJobStatus(jobId, 'running');
    const lastBatch = existing?.last_batch ?? -1;

    if (writesSequences) {
      catalog.upsertDatasetForImport({
        id: datasetId, name: request.dataset ?? datasetId, source_path: input, fingerprint, format: sniffed.format, alphabet: sniffed.alphabet, import_job: jobId,
        reading: isPlainReading(reading) ? null : JSON.stringify(reading),
      });
    }
    dataset = catalog.getDataset(datasetId)!;
    if (dataset.fingerprint !== fingerprint) {
      throw new EngineError('input_changed', `${input} differs from the file dataset ${datasetId} was imported from; give it another --dataset name or use the original file`);
    }

    // Remove what a crash left after the last checkpoint.
    const afterCheckpoint = `dataset_id = ${sqlString(datasetId)} AND batch > ${lastBatch}`;
    for (const layer of layers) await lance.deleteWhere(embeddingTableName(manifest.id, layer.id), afterCheckpoint);
    if (writesSequences) await lance.deleteWhere(SEQUENCES_TABLE, afterCheckpoint);

    const opened = await openModelSession(bundle, request);
    for (const fallback of opened.fallbacks) context.emit({ type: 'warning', jobId, message: `${fallback}; using ${opened.provider}` });
    catalog.setJobStatus(jobId, 'running', { provider: opened.provider });
    const tokenizer = await createTokenizer(bundle);
    const embedder = new SequenceEmbedder(bundle, tokenizer, opened.session, layers);

    const total = await countRecords(input, sniffed.format, sniffed.gzip);
    const meter = new ProgressMeter();
    const counts = { read: 0, accepted: 0, rejected: 0, embedded: 0, tokens: 0 };
    let batchIndex = 0;
    const schemas = new Map(layers.map((l) => [l.id, embeddingSchema(manifest.dim)] as const));

    const processWindow = async (window: SeqRecord[], tokenized: TokenizedSequence[]): Promise<void> => {
      const plan = planBatches(tokenized.map((t) => embedder.planItem(t)), config.limits);
      for (const members of plan) {
        const index = batchIndex;
        batchIndex += 1;
        if (index <= lastBatch) {
          counts.embedded += members.length;
          continue;
        }
        await context.control.waitIfPaused();
        if (context.control.signal.aborted) {
          await pipeline.drain();
          throw new EngineError('cancelled', `job ${jobId} stopped after batch ${index - 1}; run the same command again to resume`);
        }
        const batch = members.map((m) => tokenized[m]!);
        const vectors = await embedder.embed(batch);
        const records = members.map((m) => window[m]!);
        await pipeline.submit(async () => {
          await writeBatch(lance, {
            index, records, vectors, datasetId, alphabet: sniffed.alphabet, writesSequences, model: manifest.id, dim: manifest.dim, layers, schemas,
          });
          counts.embedded += members.length;
          for (const t of batch) counts.tokens += t.contentTokens;
          catalog.checkpointBatch(jobId, index, counts.embedded);
          const { rate, eta } = meter.update(counts.embedded, total);
          context.emit({ type: 'progress', jobId, stage: 'embed', done: counts.embedded, total, unit: 'records', rate, eta });
        });
      }
    };

    let window: SeqRecord[] = [];
    let windowTokens: TokenizedSequence[] = [];
    let residues = 0;
    let untokenizable = 0;
    let issues: IssueRow[] = [];
    // Quoted when nothing is accepted (see noRecordAccepted).
    let firstRejection: string | undefined;
    for await (const event of readInput(input, manifest.alphabet, reading)) {
      counts.read += 1;
      if (event.kind === 'issue') {
        counts.rejected += 1;
        const { issue } = event;
        issues.push({ dataset_id: datasetId, record: issue.record, line: issue.line, seq_id: issue.id ?? null, code: issue.code, message: issue.message });
        firstRejection ??= issue.message;
        continue;
      }
      let tokens: TokenizedSequence;
      try {
        tokens = embedder.tokenize(event.record.sequence);
      } catch (error) {
        if (!(error instanceof TokenizeError)) throw error;
        // Valid sequence, but nothing this model can read (shorter than k, or all N): a rejection, never a zero vector.
        counts.rejected += 1;
        untokenizable += 1;
        const { record } = event;
        const message = `${basename(input)}: record ${record.recordNumber} (line ${record.line}, id "${record.id}"): ${error.message} for model ${manifest.id}`;
        issues.push({ dataset_id: datasetId, record: record.recordNumber, line: record.line, seq_id: record.id, code: 'no_tokens', message });
        firstRejection ??= message;
        continue;
      }
      counts.accepted += 1;
      window.push(event.record);
      windowTokens.push(tokens);
      residues += event.record.sequence.length;
      if (window.length >= config.window.records || residues >= config.window.residues) {
        if (writesSequences && issues.length > 0) catalog.recordIssues(issues);
        issues = [];
        await processWindow(window, windowTokens);
        window = [];
        windowTokens = [];
        residues = 0;
      }
    }
    if (writesSequences && issues.length > 0) catalog.recordIssues(issues);
    if (window.length > 0) await processWindow(window, windowTokens);
    if (!writesSequences && untokenizable > 0) {
      context.emit({ type: 'warning', jobId, message: `${untokenizable} record(s) of ${datasetId} give no ${manifest.id} tokens (shorter than the model's k-mer, or all N) and have no vector in this model` });
    }
    await pipeline.drain();
    if (counts.accepted === 0) {
      throw new EngineError('no_records_accepted', `${noRecordAccepted(input, counts.rejected, firstRejection)}; see the import report: seqatlas store issues --store ${store.dir} --dataset ${datasetId}`);
    }

    context.emit({ type: 'progress', jobId, stage: 'finalize', done: counts.embedded, total: counts.embedded, unit: 'records', rate: 0, eta: 0 });
    const tables: string[] = [];
    for (const layer of layers) {
      const table = embeddingTableName(manifest.id, layer.id);
      tables.push(table);
      const stored = await lance.count(table, `dataset_id = ${sqlString(datasetId)}`);
      if (stored !== counts.accepted) {
        throw new EngineError('store_corrupt', `table ${table} holds ${stored} vectors for ${datasetId}, expected ${counts.accepted}; the store may be damaged (README: Recovering a damaged store)`);
      }
      catalog.upsertEmbedding({ dataset_id: datasetId, model: manifest.id, model_version: manifest.version, layer: layer.id, table_name: table, dim: manifest.dim, count: stored, job_id: jobId });
    }
    catalog.transaction(() => {
      if (writesSequences) catalog.markDatasetReady(datasetId, { records_read: counts.read, accepted: counts.accepted, rejected: counts.rejected });
      catalog.setJobStatus(jobId, 'done');
    });
    const ready = catalog.getDataset(datasetId)!;
    const seconds = (performance.now() - started) / 1000;
    const result: EmbedResult = {
      jobId, datasetId, store: store.dir, runDir: '', model: manifest.id, layers: layers.map((l) => l.id), tables, provider: opened.provider,
      read: ready.records_read, accepted: ready.accepted, rejected: ready.rejected, embedded: counts.embedded,
      resumedFromBatch: lastBatch >= 0 ? lastBatch : null, alreadyDone: false, seconds, tokens: counts.tokens,
    };
    result.runDir = await writeRunRecord(store, {
      kind: 'embed', jobId, config: { ...request, input, layers: config.layers, batch: config.limits },
      provider: opened.provider, fallbacks: opened.fallbacks, model: { id: manifest.id, version: manifest.version, precision: opened.precision }, result,
    });
    return result;
  } catch (error) {
    // Let a commit in flight finish (or fail) before the store closes under it.
    await pipeline.drain().catch(() => undefined);
    // A SQLite write (checkpoint, issues) that failed because of the drive gets the drive's one-line message.
    const failure = error instanceof EngineError ? error : (driveFailure(error, store.dir) ?? error);
    try {
      const failed = store.catalog.getJob(jobId);
      if (failed && failed.status === 'running') {
        const cancelled = failure instanceof EngineError && failure.code === 'cancelled';
        store.catalog.setJobStatus(jobId, cancelled ? 'interrupted' : 'failed', { error: (failure as Error).message });
      }
    } catch {
      // The drive that failed the job usually fails this write too; the job stays "running", which resume treats
      // the same as "failed", and the user must see the original error, not this one.
    }
    throw failure;
  } finally {
    await store.close();
  }
}

/** The reader's whole-file failures (unreadable disk mid-read, damaged file) as engine errors naming the file. */
async function* readInput(input: string, alphabet: 'dna' | 'protein', reading: FileReading): AsyncGenerator<ReadEvent> {
  try {
    yield* readSequences(input, { alphabet, allowGaps: reading.removeGaps, region: reading.region, reverseComplement: reading.reverseComplement });
  } catch (error) {
    if (error instanceof SequenceFileError) throw new EngineError('input_unreadable', error.message);
    throw error;
  }
}

function resolveLayers(bundle: ModelBundle, requested: readonly number[] | undefined): LayerSpec[] {
  const available = bundle.manifest.layers;
  if (!requested) return [available[0]!];
  const seen = new Set<number>();
  const repeated = requested.find((id) => seen.size === seen.add(id).size);
  if (repeated !== undefined) {
    // A layer listed twice would write every vector twice into its table, which the end-of-job count then
    // (rightly) reports as a damaged store.
    throw new EngineError('bad_request', `embed request: field "layers": layer ${repeated} is listed more than once`);
  }
  return requested.map((id) => {
    const layer = available.find((l) => l.id === id);
    if (!layer) throw new EngineError('unknown_layer', `model ${bundle.manifest.id} has no layer ${id}; available: ${available.map((l) => l.id).join(', ')}`);
    return layer;
  });
}

export type { EmbedRequestResolved };
