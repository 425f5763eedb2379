import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { parseRequest } from '../api/parse-request.ts';
import { ProgressMeter } from '../api/progress-meter.ts';
import type { LayerKey, QueryEmbedContext } from '../annotate/query-vectors.ts';
import { expandSequenceInputs } from '../io/sequence-files.ts';
import { sniffFile } from '../io/sniff-file.ts';
import { gatherRows, KnnSearcher, ReferenceMatrix, type KnnHit } from '../lookup/index.ts';
import type { ModelBundle } from '../models/bundle-registry.ts';
import { EngineError } from '../shared/engine-error.ts';
import { libraryVersions } from '../shared/version.ts';
import { loadConfig } from '../shared/yaml-config.ts';
import { REVERSE_STRAND_FILE } from '../store/run-reads.ts';
import { holdMates } from '../pairs/mate-files.ts';
import { pairReadFiles } from '../pairs/read-pair-files.ts';
import { Store } from '../store/store.ts';
import { BundleClassifier, checkEmbedder } from './bundle/bundle-classifier.ts';
import { readBundle, type ClassifierBundle } from './bundle/bundle-reader.ts';
import { ClassifyConfig } from './classify-config.ts';
import { chimeraSettingsFor } from './chimera-check.ts';
import { MAX_READ_ERROR_RATE } from './read-error-bound.ts';
import { CHIMERAS_FILE, findChimeras, formatChimeras, type ChimeraRow } from './chimera-search.ts';
import { embedClassifyQueries, type ClassifyQueries, type QueryBlock } from './classify-queries.ts';
import { ClassifyRequest, type ClassifyResult } from './classify-request.ts';
import { writeClassificationFiles } from './classification-files.ts';
import { distinctRows } from './distinct-rows.ts';
import { readCachedFit, writeCachedFit, type FitKey } from './fit-cache.ts';
import { CONTEXT_NEIGHBOURS } from './fit-taxonomy-model.ts';
import { fitOnReference } from './reference-fit.ts';
import { measuredErrorRate } from './read-errors.ts';
import { DEFAULT_MIN_CONFIDENCE, MinConfidence, rankThresholds } from './rank-thresholds.ts';
import type { Classification, RankCall, ReadAssignment } from './read-assignment.ts';
import { readCountTable } from './count-table.ts';
import { countedReads } from './counted-reads.ts';
import { readSampleMap } from './sample-map.ts';
import { likelierStrand } from './strand-choice.ts';
import { chooseEmbedding, loadTaxonomyReference, type TaxonomyReference } from './taxonomy-reference.ts';
import { callRanks } from './taxonomy-model.ts';

/** Reads searched per step: progress and cancellation are checked between steps. */
const READ_STEP = 1024;
/** Nearest references aligned to a novel read in the chimera check: its two parents are nearly always among them. */
const CHIMERA_CANDIDATES = 3;

export interface ClassifyContext extends QueryEmbedContext {
  /** An installed embedding model by id: a bundle's embedder is checked before any read is embedded. */
  findModel(id: string): Promise<ModelBundle>;
}

/** What a classifier says about one read, before the run's thresholds, samples and abundances. */
interface ScoredRead {
  calls: RankCall[];
  /** Named from its reverse complement (see likelierStrand). */
  reversed: boolean;
  bestHit: string | null;
  bestDistance: number | null;
  noveltyScore: number;
  /** The read's nearest references (indices), candidate parents for the chimera check; null from a bundle. */
  candidates: Int32Array | null;
}

/** One classifier's answer for every read, with what the run record says about it. */
interface Scoring {
  referenceName: string;
  ranks: string[];
  reads: ScoredRead[];
  /** Per rank, the confidence a call needs to be assigned. */
  minConfidence: number[];
  lookupProvider: string;
  describe: Pick<ClassifyResult, 'fitted' | 'bundle'>;
  /** k-NN runs: the references searched, for the chimera check of novel reads. */
  searched?: { reference: TaxonomyReference; datasetId: string };
}

/**
 * `classify`: taxonomy for every read, either from its nearest labelled references (`reference`) or from a trained
 * classifier bundle (`bundle`, see bundle/). In the first case the vote and its calibration are fitted on the
 * reference by leave-one-out at the start of the run (a second or two for tens of thousands of references), so a
 * rebuilt or relabelled reference can never be paired with a stale calibration. Both write the same files.
 */
export async function runClassify(requestInput: ClassifyRequest, context: ClassifyContext): Promise<ClassifyResult> {
  const started = performance.now();
  const request = parseRequest(ClassifyRequest, requestInput, 'classify request');
  // A folder stands for the sequence files below it, as on the Import screen.
  const inputs = await expandSequenceInputs(typeof request.input === 'string' ? [request.input] : request.input);
  const { config } = await loadConfig(ClassifyConfig, request.config, request.overrides);
  const bundle = request.bundle === undefined ? undefined : await readBundle(request.bundle);
  const jobId = `classify:${request.reference ?? bundle!.manifest.provenance.reference}`;
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    context.emit({ type: 'warning', jobId, message });
  };
  // Both reads of a pair classified as they are would be two samples of half-amplicons: refused before any embedding.
  for (const pair of pairReadFiles(inputs).pairs) {
    if (!(await holdMates(pair))) continue;
    throw new EngineError('bad_request', `${basename(pair.forward)} and ${basename(pair.reverse)} are the two reads of paired-end sample ${pair.sample}: merge each pair into one read first (seqatlas merge-pairs, or Merge pairs on the Import screen), then classify the merged files`);
  }
  const sampleMap = config.sample_map ? await readSampleMap(config.sample_map) : undefined;
  // Read (and checked) before anything is embedded; matched to the reads once their ids are known.
  const countTable = config.counts ? await readCountTable(config.counts) : undefined;

  let key: LayerKey;
  let alphabet: 'dna' | 'protein';
  if (bundle) {
    const { embedder } = bundle.manifest;
    if ((config.model !== undefined && config.model !== embedder.model) || (config.layer !== undefined && config.layer !== embedder.layer)) {
      throw new EngineError('bad_request', `classify request: model/layer ${config.model ?? embedder.model} layer ${config.layer ?? embedder.layer} differ from the bundle's embedder ${embedder.model} layer ${embedder.layer}; leave them out with a bundle`);
    }
    await checkEmbedder(bundle, (id) => context.findModel(id));
    for (const input of inputs) await checkInputAlphabet(input, `bundle ${bundle.dir}`, embedder.alphabet);
    key = { model: embedder.model, layer: embedder.layer };
    alphabet = embedder.alphabet;
  } else {
    const chosen = await withStore(request.store, (store) => chooseEmbedding(store, request.reference!, config.model, config.layer));
    for (const input of inputs) await checkInputAlphabet(input, `reference "${request.reference}"`, chosen.alphabet);
    key = { model: chosen.model, layer: chosen.layer };
    alphabet = chosen.alphabet;
  }
  // Held through this variable only, and let go once the reads are scored: the chimera check, the longest stage of a
  // large run, then runs without every read's vectors in memory (4 KB a read with both strands).
  let embedded: Awaited<ReturnType<typeof embedClassifyQueries>> | null = await embedClassifyQueries(inputs, request.store, key, config, context, config.strand === 'both' && alphabet === 'dna');
  const { queries } = embedded;
  if (queries.ids.length === 0) throw new EngineError('no_records_accepted', `${inputs.map((input) => basename(input)).join(', ')}: no reads to classify`);
  const chosenMinConfidence = bundle ? await explicitMinConfidence(request) : undefined;
  const { rate: errorRate, known: errorRateKnown, stated: statedErrorRate } = await readErrorRate(inputs, config);
  if (statedErrorRate !== null && statedErrorRate > MAX_READ_ERROR_RATE) {
    warn(`the reads' qualities state ${(100 * statedErrorRate).toFixed(1)}% sequencing errors, more than the ${100 * MAX_READ_ERROR_RATE}% SeqAtlas calibrates for: calibrated for ${100 * MAX_READ_ERROR_RATE}%, and few reads will be named; drop the worst reads first (seqatlas filter --max-ee-rate)`);
  }
  const bundleErrorRate = bundle?.manifest.provenance.training.readErrorRate ?? 0;
  // FASTA reads state no rate: a bundle for noisy reads is then taken at its word.
  if (bundle && errorRateKnown && Math.abs(errorRate - bundleErrorRate) > BUNDLE_RATE_TOLERANCE) {
    const calibrated = bundleErrorRate > 0 ? `for reads with ${(100 * bundleErrorRate).toFixed(1)}% errors` : 'on clean references';
    warn(`the reads have about ${(100 * errorRate).toFixed(1)}% sequencing errors, and bundle ${basename(bundle.dir)} was calibrated ${calibrated}: its confidences will not hold for them; train one for their errors (seqatlas train --read-error-rate ${errorRate}) or classify against its reference set (${bundle.manifest.provenance.reference}), which calibrates for the reads' errors`);
  }
  const scoring = bundle
    ? await scoreWithBundle(bundle, embedded.block, queries.ids.length, chosenMinConfidence, config)
    : await scoreWithReference(request.store, request.reference!, key, embedded.block, queries.ids.length, config, errorRate, { jobId, warn, context });
  embedded = null;

  const classified: ReadAssignment[] = queries.ids.map((id, q) => {
    const scored = scoring.reads[q]!;
    const unassigned = scored.calls.findIndex((call, r) => call.confidence < scoring.minConfidence[r]!);
    return {
      queryId: id,
      sample: queries.headerSamples[q] ?? sampleMap?.get(id) ?? queries.files[queries.fileIndex[q]!]!.sample,
      abundance: queries.sizes[q]!,
      calls: scored.calls,
      // A lineage stops at its first rank below that rank's threshold.
      assignedRanks: unassigned < 0 ? scored.calls.length : unassigned,
      bestHit: scored.bestHit,
      bestDistance: scored.bestDistance,
      noveltyScore: scored.noveltyScore,
      novel: scored.noveltyScore > 1,
    };
  });
  const { distinct, reads } = countTable ? await countedReads(classified, countTable, queries, request.store, warn) : { distinct: classified, reads: classified };
  const kept = new Set(distinct.map((read) => read.queryId));
  const chimeras = scoring.searched && config.chimera_check ? (await checkChimeras(request.store, scoring.searched, queries, scoring.reads, errorRate, config.embedding.threads, { jobId, context })).filter((row) => kept.has(row.queryId)) : null;
  const classification: Classification = { ranks: scoring.ranks, reads };
  const novelIds = new Set(distinct.filter((read) => read.novel).map((read) => read.queryId));
  const novel = novelIds.size;
  // Most reads far from everything is more often the wrong reference (another marker or region) than a new flora.
  if (novel > distinct.length / 2) {
    warn(`${novel} of ${distinct.length} reads are novel (farther from every reference than its own members usually are): check that ${scoring.referenceName} covers this marker and region (if the reads are amplicons of one region and the reference holds whole genes, build it cut to that region: seqatlas reference build --primers FORWARD,REVERSE)`);
  }

  if (chimeras && chimeras.length > 0) {
    const novelOnes = chimeras.filter((row) => novelIds.has(row.queryId)).length;
    warn(`${chimeras.length} reads (${novelOnes} of them flagged novel) look like chimeras of two references (${CHIMERAS_FILE}: each read's parents and breakpoint): PCR artefacts rather than new taxa`);
  }
  const reversed = queries.ids.filter((id, q) => scoring.reads[q]!.reversed && kept.has(id));
  const out = resolve(request.out);
  await mkdir(out, { recursive: true });
  const result: ClassifyResult = {
    out,
    reference: scoring.referenceName,
    model: key.model,
    layer: key.layer,
    reads: distinct.length,
    abundance: reads.reduce((sum, read) => sum + read.abundance, 0),
    assigned: Object.fromEntries(classification.ranks.map((rank, r) => [rank, distinct.filter((read) => read.assignedRanks > r).length])),
    minConfidence: Object.fromEntries(classification.ranks.map((rank, r) => [rank, scoring.minConfidence[r]!])),
    novel,
    reverseStrand: queries.bothStrands ? reversed.length : null,
    chimeras: chimeras ? chimeras.length : null,
    samples: [...new Set(reads.map((read) => read.sample))].sort(),
    ...scoring.describe,
    provider: queries.provider,
    warnings,
    seconds: 0,
  };
  await writeClassificationFiles(out, classification, result);
  // Listed in the run folder, so that a map of the run places these reads by the strand that named them too.
  if (reversed.length > 0) await writeFile(join(out, REVERSE_STRAND_FILE), `${reversed.join('\n')}\n`);
  if (chimeras) await writeFile(join(out, CHIMERAS_FILE), formatChimeras(chimeras));
  result.seconds = (performance.now() - started) / 1000;
  // A bundle run echoes min_confidence only when it was chosen: re-running the echo then keeps the bundle's thresholds.
  const echoed = bundle && chosenMinConfidence === undefined ? { ...config, min_confidence: undefined } : config;
  const subject = bundle ? { bundle: bundle.dir } : { reference: request.reference };
  const inputEcho = inputs.length === 1 ? inputs[0] : inputs;
  await writeFile(join(out, 'experiment_config.yaml'), stringify({ input: inputEcho, ...subject, store: resolve(request.store), ...echoed }));
  await writeFile(join(out, 'run.json'), `${JSON.stringify({
    kind: 'classify', finishedAt: new Date().toISOString(), versions: libraryVersions(), platform: { os: process.platform, arch: process.arch },
    // datasetId and file of the first input keep run folders readable by SeqAtlas versions that knew one input only.
    query: {
      store: resolve(request.store), datasetId: queries.files[0]!.datasetId, file: queries.files[0]!.file,
      datasets: queries.files.map(({ datasetId, reverseDatasetId, file, sample, reads: count }) => ({ datasetId, ...(reverseDatasetId ? { reverseDatasetId } : {}), file, sample, reads: count })),
    },
    embeddingProvider: queries.provider, lookupProvider: scoring.lookupProvider, result,
  }, null, 2)}\n`);
  return result;
}

/** The chimera check of the reads against the references they were searched in, as a stage of its own. */
async function checkChimeras(
  storeDir: string, searched: NonNullable<Scoring['searched']>, queries: ClassifyQueries, reads: readonly ScoredRead[], errorRate: number, threads: number,
  run: { jobId: string; context: QueryEmbedContext },
): Promise<ChimeraRow[]> {
  const total = reads.length;
  run.context.emit({ type: 'progress', jobId: run.jobId, stage: 'align', done: 0, total, unit: 'reads', rate: 0, eta: null });
  const rows = await withStore(storeDir, (store) => findChimeras(store, searched.reference, searched.datasetId, queries, reads, chimeraSettingsFor(errorRate), threads));
  run.context.emit({ type: 'progress', jobId: run.jobId, stage: 'align', done: total, total, unit: 'reads', rate: 0, eta: 0 });
  return rows;
}

/**
 * The reverse strands worth searching among reads `rows` (answered as written in `forward`): those of the reads novel
 * as written. A read already within the novelty distance as written has matched on its own strand (a reverse
 * complement lands far from every reference of the other strand), so skipping its second search, the costlier half
 * with a large reference, changes no answer in practice. Keyed by the read's position in `rows`.
 */
async function searchReverse(searcher: KnnSearcher, matrix: ReferenceMatrix, reverse: Float32Array, rows: Int32Array, forward: readonly { noveltyScore: number }[]): Promise<Map<number, KnnHit[]>> {
  const novel = forward.flatMap((answer, i) => (answer.noveltyScore > 1 ? [i] : []));
  if (novel.length === 0) return new Map();
  const hits = await searcher.search(matrix, gatherRows(reverse, novel.map((i) => rows[i]!), matrix.dim), novel.length, CONTEXT_NEIGHBOURS);
  return new Map(novel.map((i, row) => [i, hits[row]!]));
}

/** The k-NN consensus: fit on the reference by leave-one-out, then search every read's neighbours. */
async function scoreWithReference(
  storeDir: string, name: string, key: LayerKey, queryBlock: QueryBlock, count: number, config: ClassifyConfig, readErrorRate: number,
  run: { jobId: string; warn: (message: string) => void; context: ClassifyContext },
): Promise<Scoring> {
  const { jobId, warn, context } = run;
  const { reference, fitKey } = await withStore(storeDir, async (store) => {
    const loaded = await loadTaxonomyReference(store, name, key.model, key.layer);
    const row = store.catalog.references.get(name)!;
    const fitKey: FitKey = {
      reference: name, datasetId: row.dataset_id, labelsSavedAt: row.updated_at, model: loaded.model, layer: loaded.layer,
      references: loaded.ids.length, k: config.k, maxReferences: config.calibration.max_references, readErrorRate,
    };
    return { reference: loaded, fitKey };
  });
  if (reference.dim !== queryBlock.dim) {
    throw new EngineError('reference_mismatch', `reads have ${queryBlock.dim}-dim ${key.model} embeddings, reference "${reference.name}" has ${reference.dim}: was it built by another version of the model?`);
  }
  if (reference.unlabelled > 0) warn(`${reference.unlabelled} references of ${reference.name} have no lineage and are not searched`);

  const searcher = await KnnSearcher.open({ dim: reference.dim, metric: 'cosine', device: config.embedding.device, threads: config.embedding.threads });
  const matrix = ReferenceMatrix.fromRows(reference.vectors, reference.ids.length, reference.dim, 'cosine');
  // The leave-one-out fit, a second or two for thousands of references: a stage of its own, reported when done.
  const references = reference.ids.length;
  context.emit({ type: 'progress', jobId, stage: 'prepare', done: 0, total: references, unit: 'references', rate: 0, eta: null });
  const cached = await readCachedFit(storeDir, fitKey);
  const model = cached ?? (readErrorRate > 0
    ? await withStore(storeDir, async (store) => fitOnReference(searcher, matrix, reference, config, {
      rate: readErrorRate, store, datasetId: fitKey.datasetId, bundle: await context.findModel(reference.model), settings: config.embedding,
    }))
    : await fitOnReference(searcher, matrix, reference, config));
  if (!cached) await writeCachedFit(storeDir, fitKey, model);
  context.emit({ type: 'progress', jobId, stage: 'prepare', done: references, total: references, unit: 'references', rate: 0, eta: 0 });

  const scored = (readHits: KnnHit[]): Omit<ScoredRead, 'reversed'> => {
    const nearest = readHits[0];
    // Identical references everywhere would make the novelty distance 0; any distance beyond is then novel.
    const noveltyScore = nearest ? nearest.distance / Math.max(model.noveltyDistance, 1e-6) : Number.POSITIVE_INFINITY;
    return {
      calls: callRanks(model, reference.paths, readHits),
      bestHit: nearest ? reference.ids[nearest.index]! : null,
      bestDistance: nearest ? nearest.distance : null,
      noveltyScore,
      candidates: Int32Array.from(readHits.slice(0, CHIMERA_CANDIDATES), (hit) => hit.index),
    };
  };
  const distinct = distinctRows(queryBlock.vectors, queryBlock.reverse, count, reference.dim);
  const total = distinct.first.length;
  const answers: ScoredRead[] = [];
  const meter = new ProgressMeter();
  for (let u0 = 0; u0 < total; u0 += READ_STEP) {
    if (context.control.signal.aborted) throw new EngineError('cancelled', `classify cancelled after ${u0} of ${total} distinct reads; nothing was written`);
    await context.control.waitIfPaused();
    const u1 = Math.min(total, u0 + READ_STEP);
    const rows = distinct.first.subarray(u0, u1);
    const forward = (await searcher.search(matrix, gatherRows(queryBlock.vectors, rows, reference.dim), rows.length, CONTEXT_NEIGHBOURS)).map(scored);
    const reverse = queryBlock.reverse ? await searchReverse(searcher, matrix, queryBlock.reverse, rows, forward) : new Map<number, KnnHit[]>();
    forward.forEach((answer, i) => answers.push(likelierStrand(answer, reverse.has(i) ? scored(reverse.get(i)!) : undefined)));
    const { rate, eta } = meter.update(u1, total);
    context.emit({ type: 'progress', jobId, stage: 'lookup', done: u1, total, unit: 'distinct reads', rate, eta });
  }
  const reads = Array.from(distinct.groupOf, (group) => answers[group]!);
  return {
    referenceName: reference.name,
    ranks: reference.paths.ranks,
    reads,
    minConfidence: rankThresholds(reference.paths.ranks, config.min_confidence, () => DEFAULT_MIN_CONFIDENCE, `reference ${reference.name}`),
    lookupProvider: searcher.provider,
    searched: { reference, datasetId: fitKey.datasetId },
    describe: {
      fitted: {
        k: model.k,
        bandwidth: model.bandwidth,
        thresholds: Object.fromEntries(model.ranks.map((rank, r) => [rank, model.thresholds[r]!])),
        noveltyDistance: model.noveltyDistance,
        readErrorRate,
        cached: cached !== undefined,
      },
    },
  };
}

/**
 * A trained bundle's head. The per-rank thresholds are the bundle's unless the run sets min_confidence (flag or
 * run.yaml): a number then applies to every rank, as it does for the k-NN classifier; a mapping to the ranks it
 * names (and its default to the others), the bundle's own thresholds staying for the rest.
 */
async function scoreWithBundle(bundle: ClassifierBundle, queryBlock: QueryBlock, count: number, minConfidence: MinConfidence | undefined, config: ClassifyConfig): Promise<Scoring> {
  const { manifest } = bundle;
  if (queryBlock.dim !== manifest.embedder.dim) {
    throw new EngineError('reference_mismatch', `reads have ${queryBlock.dim}-dim ${manifest.embedder.model} embeddings, bundle ${bundle.dir} expects ${manifest.embedder.dim}`);
  }
  const classifier = await BundleClassifier.open(bundle, { device: config.embedding.device, threads: config.embedding.threads });
  try {
    const forward = await classifier.classify(queryBlock.vectors, count);
    const reverse = queryBlock.reverse ? await classifier.classify(queryBlock.reverse, count) : null;
    // A bundle carries centroids, not references: no best hit, and the distance is to the nearest centroid.
    const scored = (call: (typeof forward)[number]) => ({ calls: call.calls, bestHit: null, bestDistance: call.distance, noveltyScore: call.noveltyScore, candidates: null });
    const own = manifest.ranks.map((rank) => rank.minConfidence);
    const thresholds = minConfidence === undefined ? own : rankThresholds(bundle.labels.ranks, minConfidence, (r) => own[r]!, `bundle ${bundle.dir}`);
    return {
      referenceName: manifest.provenance.reference,
      ranks: bundle.labels.ranks,
      reads: forward.map((call, q) => likelierStrand(scored(call), reverse ? scored(reverse[q]!) : undefined)),
      minConfidence: thresholds,
      lookupProvider: classifier.provider,
      describe: {
        bundle: {
          dir: bundle.dir,
          created: manifest.provenance.created,
          noveltyDistance: manifest.noveltyDistance,
        },
      },
    };
  } finally {
    await classifier.release();
  }
}

/** min_confidence as the run set it (flag, else run.yaml), or undefined where only the schema's default applies. */
async function explicitMinConfidence(request: { config?: string; overrides: Record<string, unknown> }): Promise<MinConfidence | undefined> {
  const chosen = MinConfidence.safeParse(request.overrides.min_confidence);
  if (chosen.success) return chosen.data;
  if (!request.config) return undefined;
  // loadConfig has already read and validated this file.
  const raw = parse(await readFile(request.config, 'utf8')) as Record<string, unknown> | null;
  const written = MinConfidence.safeParse(raw?.min_confidence);
  return written.success ? written.data : undefined;
}

async function withStore<T>(dir: string, work: (store: Store) => Promise<T> | T): Promise<T> {
  const store = await Store.open(dir, { readonly: true });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Protein reads against a DNA reference or bundle (or the reverse) would embed to meaningless vectors: refuse before embedding. */
async function checkInputAlphabet(input: string, subject: string, alphabet: 'dna' | 'protein'): Promise<void> {
  const sniffed = await sniffFile(input).catch(() => undefined);
  if (sniffed && (sniffed.alphabet === 'dna' || sniffed.alphabet === 'protein') && sniffed.alphabet !== alphabet) {
    throw new EngineError('wrong_alphabet', `${basename(input)} holds ${sniffed.alphabet} sequences but ${subject} is ${alphabet}`);
  }
}

/** A bundle trained for a rate this close to the reads' is taken as calibrated for them. */
const BUNDLE_RATE_TOLERANCE = 0.01;

/** Reads with at least this share of errors per base are judged by a fit on noisy copies of the references. */
const NOISY_READS = 0.005;

/**
 * The error rate the leave-one-out fit simulates: the config's, or (auto) the one the reads' qualities state, rounded
 * to half a percent so that runs of similar reads share one kept fit; below half a percent the clean fit, which is
 * what Illumina reads (a tenth of a percent or less) look like to the reference anyway. `known`: given, or stated by
 * FASTQ qualities (FASTA reads with auto state none, and get the clean fit).
 */
async function readErrorRate(inputs: readonly string[], config: ClassifyConfig): Promise<{ rate: number; known: boolean; stated: number | null }> {
  const asked = config.calibration.read_error_rate;
  const stated = asked === 'auto' ? await measuredErrorRate(inputs) : asked;
  const rate = stated === null || stated < NOISY_READS ? 0 : Math.min(MAX_READ_ERROR_RATE, Math.round(stated * 200) / 200);
  return { rate, known: stated !== null, stated };
}
