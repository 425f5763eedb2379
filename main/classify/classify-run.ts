import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { parseRequest } from '../api/parse-request.ts';
import { ProgressMeter } from '../api/progress-meter.ts';
import { embedQueries, layerKey, type QueryEmbedContext } from '../annotate/query-vectors.ts';
import { sniffFile } from '../io/sniff-file.ts';
import { KnnSearcher, ReferenceMatrix, type KnnHit } from '../lookup/index.ts';
import { EngineError } from '../shared/engine-error.ts';
import { libraryVersions } from '../shared/version.ts';
import { loadConfig } from '../shared/yaml-config.ts';
import { loadSampleTags } from '../store/stored-vectors.ts';
import { Store } from '../store/store.ts';
import { ClassifyConfig } from './classify-config.ts';
import { ClassifyRequest, type ClassifyResult } from './classify-request.ts';
import { writeClassificationFiles } from './classification-files.ts';
import { CONTEXT_NEIGHBOURS, DEFAULT_FIT, fitTaxonomyModel } from './fit-taxonomy-model.ts';
import type { Classification, ReadAssignment } from './read-assignment.ts';
import { readSampleMap } from './sample-map.ts';
import { chooseEmbedding, loadTaxonomyReference, type TaxonomyReference } from './taxonomy-reference.ts';
import { callRanks, type TaxonomyModel } from './taxonomy-model.ts';

/** Reads searched per step: progress and cancellation are checked between steps. */
const READ_STEP = 1024;

/**
 * `classify`: taxonomy for every read from its nearest labelled references. The vote and its calibration are
 * fitted on the reference by leave-one-out at the start of the run (a second or two for tens of thousands of
 * references), so a rebuilt or relabelled reference can never be paired with a stale calibration.
 */
export async function runClassify(requestInput: ClassifyRequest, context: QueryEmbedContext): Promise<ClassifyResult> {
  const started = performance.now();
  const request = parseRequest(ClassifyRequest, requestInput, 'classify request');
  const { config } = await loadConfig(ClassifyConfig, request.config, request.overrides);
  const jobId = `classify:${request.reference}`;
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    context.emit({ type: 'warning', jobId, message });
  };
  const sampleMap = config.sample_map ? await readSampleMap(config.sample_map) : undefined;

  const chosen = await withStore(request.store, (store) => chooseEmbedding(store, request.reference, config.model, config.layer));
  await checkInputAlphabet(request.input, request.reference, chosen.alphabet);
  const key = { model: chosen.model, layer: chosen.layer };
  const queries = await embedQueries(request.input, request.store, [key], config, context);
  if (queries.ids.length === 0) throw new EngineError('no_records_accepted', `${basename(request.input)}: no reads to classify`);
  const queryBlock = queries.vectors.get(layerKey(key))!;

  const { reference, tags } = await withStore(request.store, async (store) => ({
    reference: await loadTaxonomyReference(store, request.reference, chosen.model, chosen.layer),
    tags: await loadSampleTags(store, queries.source.kind === 'fasta' ? queries.source.datasetId : ''),
  }));
  if (reference.dim !== queryBlock.dim) {
    throw new EngineError('reference_mismatch', `reads have ${queryBlock.dim}-dim ${key.model} embeddings, reference "${reference.name}" has ${reference.dim}: was it built by another version of the model?`);
  }
  if (reference.unlabelled > 0) warn(`${reference.unlabelled} references of ${reference.name} have no lineage and are not searched`);

  const searcher = await KnnSearcher.open({ dim: reference.dim, metric: 'cosine', device: config.embedding.device, threads: config.embedding.threads });
  const matrix = ReferenceMatrix.fromRows(reference.vectors, reference.ids.length, reference.dim, 'cosine');
  context.emit({ type: 'progress', jobId, stage: 'prepare', done: 0, total: null, unit: 'references', rate: 0, eta: null });
  const model = await fitOnReference(searcher, matrix, reference, config);

  const hits: KnnHit[][] = [];
  const meter = new ProgressMeter();
  for (let q0 = 0; q0 < queries.ids.length; q0 += READ_STEP) {
    if (context.control.signal.aborted) throw new EngineError('cancelled', `classify cancelled after ${q0} of ${queries.ids.length} reads; nothing was written`);
    await context.control.waitIfPaused();
    const q1 = Math.min(queries.ids.length, q0 + READ_STEP);
    hits.push(...(await searcher.search(matrix, queryBlock.vectors.subarray(q0 * reference.dim, q1 * reference.dim), q1 - q0, CONTEXT_NEIGHBOURS)));
    const { rate, eta } = meter.update(q1, queries.ids.length);
    context.emit({ type: 'progress', jobId, stage: 'lookup', done: q1, total: queries.ids.length, unit: 'reads', rate, eta });
  }

  const defaultSample = basename(request.input).replace(/\.(fa|fasta|fna|fq|fastq)(\.gz)?$/i, '');
  const reads: ReadAssignment[] = queries.ids.map((id, q) => {
    const calls = callRanks(model, reference.paths, hits[q]!);
    const nearest = hits[q]![0];
    const tag = tags.get(id);
    // Identical references everywhere would make the novelty distance 0; any distance beyond is then novel.
    const noveltyScore = nearest ? nearest.distance / Math.max(model.noveltyDistance, 1e-6) : Number.POSITIVE_INFINITY;
    return {
      queryId: id,
      sample: tag?.sample ?? sampleMap?.get(id) ?? defaultSample,
      abundance: tag?.size ?? 1,
      calls,
      assignedRanks: calls.filter((call) => call.confidence >= config.min_confidence).length,
      bestHit: nearest ? reference.ids[nearest.index]! : null,
      bestDistance: nearest ? nearest.distance : null,
      noveltyScore,
      novel: noveltyScore > 1,
    };
  });
  const classification: Classification = { ranks: reference.paths.ranks, reads };

  const out = resolve(request.out);
  await mkdir(out, { recursive: true });
  const result: ClassifyResult = {
    out,
    reference: reference.name,
    model: key.model,
    layer: key.layer,
    reads: reads.length,
    abundance: reads.reduce((sum, read) => sum + read.abundance, 0),
    assigned: Object.fromEntries(classification.ranks.map((rank, r) => [rank, reads.filter((read) => read.assignedRanks > r).length])),
    novel: reads.filter((read) => read.novel).length,
    samples: [...new Set(reads.map((read) => read.sample))].sort(),
    fitted: {
      k: model.k,
      bandwidth: model.bandwidth,
      thresholds: Object.fromEntries(model.ranks.map((rank, r) => [rank, model.thresholds[r]!])),
      noveltyDistance: model.noveltyDistance,
    },
    provider: queries.provider,
    warnings,
    seconds: 0,
  };
  await writeClassificationFiles(out, classification, result);
  result.seconds = (performance.now() - started) / 1000;
  await writeFile(join(out, 'experiment_config.yaml'), stringify({ input: resolve(request.input), reference: request.reference, store: resolve(request.store), ...config }));
  await writeFile(join(out, 'run.json'), `${JSON.stringify({
    kind: 'classify', finishedAt: new Date().toISOString(), versions: libraryVersions(), platform: { os: process.platform, arch: process.arch },
    query: { store: resolve(request.store), datasetId: queries.source.kind === 'fasta' ? queries.source.datasetId : null, file: resolve(request.input) },
    embeddingProvider: queries.provider, lookupProvider: searcher.provider, result,
  }, null, 2)}\n`);
  return result;
}

async function withStore<T>(dir: string, work: (store: Store) => Promise<T> | T): Promise<T> {
  const store = await Store.open(dir, { readonly: true });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Protein reads against a DNA reference (or the reverse) would embed to meaningless vectors: refuse before embedding. */
async function checkInputAlphabet(input: string, reference: string, alphabet: 'dna' | 'protein'): Promise<void> {
  const sniffed = await sniffFile(input).catch(() => undefined);
  if (sniffed && (sniffed.alphabet === 'dna' || sniffed.alphabet === 'protein') && sniffed.alphabet !== alphabet) {
    throw new EngineError('wrong_alphabet', `${basename(input)} holds ${sniffed.alphabet} sequences but reference "${reference}" is ${alphabet}`);
  }
}

/** Leave-one-out on (a sample of) the reference: each sampled reference is searched with its own record excluded. */
async function fitOnReference(searcher: KnnSearcher, matrix: ReferenceMatrix, reference: TaxonomyReference, config: ClassifyConfig): Promise<TaxonomyModel> {
  const count = reference.ids.length;
  const size = Math.min(count, config.calibration.max_references);
  // Evenly spaced rather than random: deterministic, and spread over the reference file's order.
  const sample = Int32Array.from({ length: size }, (_, i) => Math.floor((i * count) / size));
  const rows = new Float32Array(size * reference.dim);
  sample.forEach((ref, i) => rows.set(reference.vectors.subarray(ref * reference.dim, (ref + 1) * reference.dim), i * reference.dim));
  const hits = await searcher.search(matrix, rows, size, CONTEXT_NEIGHBOURS, { exclude: (q, ref) => ref === sample[q] });
  return fitTaxonomyModel(reference.paths, { sample, hits }, { ...DEFAULT_FIT, kChoices: config.k === 'auto' ? DEFAULT_FIT.kChoices : [config.k] });
}
