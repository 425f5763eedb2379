import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { AlignmentPool, type AlignMode, type AlignmentMetrics } from '../align/index.ts';
import type { EventSink, JobControl } from '../api/job-events.ts';
import { parseRequest } from '../api/parse-request.ts';
import { ProgressMeter } from '../api/progress-meter.ts';
import { KnnSearcher, LookupInputError, ReferenceMatrix, type KnnHit } from '../lookup/index.ts';
import { filterCandidates, firstToExclude, type SearchOptions } from '../lookup/search-request.ts';
import { NcbiTaxonomy, OntologyError } from '../ontology/index.ts';
import { requireReference } from '../references/reference-sets.ts';
import { EngineError } from '../shared/engine-error.ts';
import { libraryVersions } from '../shared/version.ts';
import type { GoLabelRow } from '../store/reference-catalog.ts';
import { loadSequences, loadStoredVectors, mapDescriptions, type StoredVectors } from '../store/stored-vectors.ts';
import { Store } from '../store/store.ts';
import { loadAnnotateConfig, summaryColumns, type AnnotateConfig } from './annotate-config.ts';
import { AnnotateRequest, type AnnotateResult, type LayerRunSummary } from './annotate-request.ts';
import { AnnotateWriter } from './annotate-writer.ts';
import { approximateSearch, ensureVectorIndex } from './approximate-search.ts';
import { transferGoTerms, type GoReferences } from './go-transfer.ts';
import { isRedundant, PairAlignments } from './pair-alignments.ts';
import { SeedCandidates } from './seed-candidates.ts';
import { embedQueries, layerKey, readH5Queries, type LayerKey, type QueryEmbedContext, type QuerySet } from './query-vectors.ts';
import { summarise } from './summary-rows.ts';
import { taxonomyFilter } from './taxonomy-filter.ts';

/** Queries handled per step: progress and cancellation are checked between steps. */
const QUERY_STEP = 512;

interface ReferenceSide {
  name: string;
  datasetId: string;
  alphabet: 'dna' | 'protein';
  layers: { key: LayerKey; table: string; dim: number; count: number }[];
  go: Map<string, GoLabelRow[]>;
  terms: Map<string, import('../store/reference-catalog.ts').GoTermRow>;
  taxonomy: import('../store/reference-catalog.ts').TaxonomyLabelRow[];
}

/**
 * `annotate`: GO-term transfer from a reference set by embedding similarity (goPredSim / FANTASIA). For each
 * (model, layer) of the reference the run uses: exact (or, for very large references, approximate) k-NN of every
 * query, optional taxonomy and redundancy filters, transfer of the neighbours' GO terms with their reliability
 * index, optional pairwise alignment metrics, and FANTASIA's output files.
 */
export async function runAnnotate(requestInput: AnnotateRequest, context: QueryEmbedContext): Promise<AnnotateResult> {
  const started = performance.now();
  const request = parseRequest(AnnotateRequest, requestInput, 'annotate request');
  const config = await loadAnnotateConfig(request.config, request.overrides);
  const jobId = `annotate:${request.reference}`;
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    context.emit({ type: 'warning', jobId, message });
  };

  const reference = await readReferenceSide(request.store, request.reference, config);
  const keys = reference.layers.map((l) => l.key);
  const queries = request.input
    ? await embedQueries(request.input, request.store, keys, config, context)
    : await readH5Queries(request.fromH5!, keys);
  if (queries.ids.length === 0) throw new EngineError('no_records_accepted', 'no queries to annotate');
  await checkQueryAlphabet(request.store, queries, reference);
  const taxonomy = config.ncbi_taxonomy ? await loadNcbiTaxonomy(config.ncbi_taxonomy) : undefined;

  const out = resolve(request.out);
  const valueColumns = summaryColumns(config).filter((c) => c !== 'support');
  const alignmentModes: AlignMode[] = config.alignment.enabled ? config.alignment.modes : [];
  const writer = await AnnotateWriter.open(out, valueColumns, alignmentModes);
  const needsApproximate = reference.layers.some((l) => l.count >= config.approximate.min_references);
  const store = await Store.open(request.store, needsApproximate ? { lockFor: `annotate with ${request.reference}` } : { readonly: true });
  const layerSummaries: LayerRunSummary[] = [];
  const tallies: RunTallies = { referencesSeen: new Set(), annotated: new Set(), summaryRows: 0, redundantExcluded: 0, alignments: { computed: 0, skipped: 0 } };
  try {
    const seeded = config.candidates.source !== 'embedding';
    if (seeded) checkSeedable(reference, queries);
    const needSequences = config.alignment.enabled || config.redundancy_filter > 0 || seeded;
    const referenceSequences = needSequences ? await loadSequences(store, reference.datasetId) : undefined;
    const organisms = await mapDescriptions(store, reference.datasetId, organismOf);
    if (needSequences && queries.sequences.some((s) => s.length === 0)) {
      warn('some queries have no sequence (an HDF5 file without /sequence datasets): they are not aligned and the redundancy filter does not apply to them');
    }

    const layerRun: LayerRun = { store, config, reference, queries, referenceSequences, organisms, taxonomy, seeded, writer, out, jobId, context, warn };
    for (const layer of reference.layers) {
      const queryBlock = queries.vectors.get(layerKey(layer.key));
      if (!queryBlock) {
        warn(`${queries.source.file} has no ${layer.key.model} layer ${layer.key.layer} embeddings; that layer is skipped`);
        continue;
      }
      if (queryBlock.dim !== layer.dim) {
        throw new EngineError('reference_mismatch', `queries have ${queryBlock.dim}-dim ${layer.key.model} layer ${layer.key.layer} embeddings, the reference has ${layer.dim}: were they made by another version of the model?`);
      }
      layerSummaries.push(await annotateLayer(layerRun, layer, queryBlock, tallies));
    }
    await writer.close();
    await writeSequencesFasta(out, queries, await loadSequences(store, reference.datasetId, tallies.referencesSeen));
  } finally {
    await store.close();
  }

  const result: AnnotateResult = {
    out, reference: request.reference, queries: queries.ids.length, annotatedQueries: tallies.annotated.size, layers: layerSummaries,
    summaryRows: tallies.summaryRows, alignments: tallies.alignments, redundantExcluded: tallies.redundantExcluded, warnings, seconds: (performance.now() - started) / 1000,
  };
  await writeFile(join(out, 'experiment_config.yaml'), stringify({
    input: request.input ? resolve(request.input) : null, from_h5: request.fromH5 ? resolve(request.fromH5) : null,
    reference: request.reference, store: resolve(request.store), ...config,
  }));
  await writeFile(join(out, 'run.json'), `${JSON.stringify({
    kind: 'annotate', finishedAt: new Date().toISOString(), versions: libraryVersions(), platform: { os: process.platform, arch: process.arch },
    querySource: queries.source, embeddingProvider: queries.provider, result,
  }, null, 2)}\n`);
  return result;
}

/** What every layer of one annotate run shares. */
interface LayerRun {
  store: Store;
  config: AnnotateConfig;
  reference: ReferenceSide;
  queries: QuerySet;
  /** Reference sequences by id, when alignments, the redundancy filter or seeds need them. */
  referenceSequences: Map<string, { sequence: string }> | undefined;
  organisms: ReadonlyMap<string, string>;
  taxonomy: NcbiTaxonomy | undefined;
  seeded: boolean;
  writer: AnnotateWriter;
  out: string;
  jobId: string;
  context: QueryEmbedContext;
  warn: (message: string) => void;
}

/** Run-wide counts and sets the layers add to. */
interface RunTallies {
  referencesSeen: Set<string>;
  annotated: Set<string>;
  summaryRows: number;
  redundantExcluded: number;
  alignments: { computed: number; skipped: number };
}

/**
 * One (model, layer) of the reference: its vectors loaded, the neighbours (and, with seeds, the homologues) of
 * every query found block by block, their GO terms transferred and written.
 */
async function annotateLayer(run: LayerRun, layer: ReferenceSide['layers'][number], queryBlock: { vectors: Float32Array; dim: number }, tallies: RunTallies): Promise<LayerRunSummary> {
  const { store, config, reference, queries, referenceSequences, organisms, taxonomy, seeded, writer, out, jobId, context, warn } = run;
  const layerStarted = performance.now();
  const stored = await loadStoredVectors(store, reference.datasetId, layer.key.model, layer.key.layer);
  // Started before the embedding search is prepared: the pool's first worker builds the seed index meanwhile.
  const seeds = seeded ? SeedCandidates.start(config, stored.ids.map((id) => referenceSequences!.get(id)?.sequence ?? '')) : undefined;
  const pool = referenceSequences ? new AlignmentPool({ alphabet: reference.alphabet, band: config.alignment.band }, config.alignment.threads) : undefined;
  try {
    const references = goReferences(stored, reference, organisms);
    const filter = taxonomyFilter(config, stored.ids, reference.taxonomy, taxonomy);
    if (filter.unmatched.length > 0) warn(`taxonomy filter: ${filter.unmatched.join(', ')} matched no reference of ${reference.name}`);
    const alignments = referenceSequences && pool
      ? new PairAlignments(reference.alphabet, (q) => queries.sequences[q] ?? '', (r) => referenceSequences.get(stored.ids[r]!)?.sequence ?? '', config.alignment.band, pool)
      : undefined;
    const redundantPairs = new Set<string>();
    const searchOptions: SearchOptions = {
      maxDistance: modelThreshold(config, layer.key.model),
      ...excludeOptions(config, filter.allowed, alignments, (q, r) => redundantPairs.add(`${q}:${r}`)),
    };
    const approximate = layer.count >= config.approximate.min_references;
    const searcher = await KnnSearcher.open({ dim: layer.dim, metric: config.distance_metric, device: config.embedding.device, threads: config.embedding.threads, queryBatch: config.batch_size });
    let upcoming: Promise<KnnHit[][] | undefined> = Promise.resolve(undefined);
    try {
      const matrix = ReferenceMatrix.fromRows(stored.vectors, stored.count, stored.dim, config.distance_metric);
      const rowOf = new Map(stored.ids.map((id, i) => [id, i]));
      await writer.beginLayer(layer.key.model, layer.key.layer);
      const meter = new ProgressMeter();
      let hitsTotal = 0;
      let rowsTotal = 0;
      let recall: number | null = null;
      if (approximate) {
        await ensureVectorIndex(store, layer.table, config.distance_metric, layer.dim);
        recall = await measureRecall(store, layer.table, reference.datasetId, rowOf, queryBlock.vectors, queries.ids.length, layer.dim, config, searcher, matrix, searchOptions);
        warn(`${layer.key.model} layer ${layer.key.layer}: ${stored.count} references ≥ approximate.min_references, so the search used the LanceDB IVF-PQ index (recall ${recall.toFixed(3)} on ${Math.min(config.approximate.recall_sample, queries.ids.length)} queries)`);
      }
      const embeddingSearch = (q0: number): Promise<KnnHit[][] | undefined> => {
        if (q0 >= queries.ids.length || config.candidates.source === 'seeds') return Promise.resolve(undefined);
        const q1 = Math.min(queries.ids.length, q0 + QUERY_STEP);
        const block = queryBlock.vectors.subarray(q0 * layer.dim, q1 * layer.dim);
        return approximate
          ? approximateHits(store, layer.table, reference.datasetId, rowOf, block, q1 - q0, q0, layer.dim, config, searchOptions)
          : searchExact(searcher, matrix, block, q1 - q0, q0, config.limit_per_entry, searchOptions);
      };
      upcoming = embeddingSearch(0);
      for (let q0 = 0; q0 < queries.ids.length; q0 += QUERY_STEP) {
        if (context.control.signal.aborted) throw new EngineError('cancelled', `annotate cancelled; ${out} holds the queries finished so far`);
        await context.control.waitIfPaused();
        const q1 = Math.min(queries.ids.length, q0 + QUERY_STEP);
        const block = queryBlock.vectors.subarray(q0 * layer.dim, q1 * layer.dim);
        const embeddingHits = await upcoming;
        // The seed workers rank this block while this thread searches the next block's embeddings: one after
        // the other, each would leave the other's cores idle (about a second of a 1,000-protein run).
        const ranked = seeds?.hits(q0, queries.sequences.slice(q0, q1), embeddingHits, block, matrix, config.limit_per_entry, searchOptions, alignments!);
        upcoming = embeddingSearch(q1);
        // Awaited in the next round or in finally; until then a failure must not count as unhandled.
        upcoming.catch(() => undefined);
        const written = await writeBlock(run, layer.key, { q0, hits: ranked ? await ranked : embeddingHits!, referenceIds: stored.ids, references, alignments }, tallies);
        hitsTotal += written.hits;
        rowsTotal += written.rows;
        const { rate, eta } = meter.update(q1, queries.ids.length);
        context.emit({ type: 'progress', jobId, stage: 'lookup', done: q1, total: queries.ids.length, unit: 'queries', rate, eta });
      }
      tallies.redundantExcluded += redundantPairs.size;
      if (alignments) {
        tallies.alignments.computed += alignments.computed;
        tallies.alignments.skipped += alignments.skipped;
      }
      return {
        model: layer.key.model, layer: layer.key.layer, queries: queries.ids.length, references: stored.count,
        searchable: filter.allowed ? stored.count - filter.excluded : stored.count,
        search: approximate ? 'approximate' : 'exact', recall, hits: hitsTotal, rows: rowsTotal, provider: searcher.provider,
        seeds: seeds ? await seeds.summary() : null, alignmentThreads: pool?.threadsUsed ?? 1, seconds: (performance.now() - layerStarted) / 1000,
      };
    } finally {
      // A search of the next block may still be running when a block fails or the run is cancelled.
      await upcoming.catch(() => undefined);
      await searcher.release();
    }
  } finally {
    await Promise.all([seeds?.close(), pool?.close()]);
  }
}

/** One block of queries' hits, as search and ranking left them, with what turning them into rows needs. */
interface BlockHits {
  /** Index of the block's first query. */
  q0: number;
  hits: KnnHit[][];
  referenceIds: readonly string[];
  references: ReturnType<typeof goReferences>;
  alignments: PairAlignments | undefined;
}

/** Transfers each query's GO terms from its hits and writes its raw rows and summary; returns the block's counts. */
async function writeBlock(run: LayerRun, key: { model: string; layer: number }, block: BlockHits, tallies: RunTallies): Promise<{ hits: number; rows: number }> {
  const { config, queries, writer } = run;
  const { q0, hits, referenceIds, references, alignments } = block;
  if (alignments && config.alignment.enabled) {
    await alignments.alignAhead(hits.flatMap((list, i) => list.flatMap((hit) => config.alignment.modes.map((mode) => ({ query: q0 + i, ref: hit.index, mode })))));
  }
  let hitCount = 0;
  let rowCount = 0;
  for (let i = 0; i < hits.length; i += 1) {
    const q = q0 + i;
    const accession = queries.ids[q]!;
    const queryHits = hits[i]!;
    hitCount += queryHits.length;
    for (const hit of queryHits) tallies.referencesSeen.add(referenceIds[hit.index]!);
    const align = alignments && config.alignment.enabled
      ? (ref: number) => Object.fromEntries(config.alignment.modes.map((mode) => [mode, alignments.get(q, ref, mode)])) as Partial<Record<AlignMode, AlignmentMetrics | null>>
      : undefined;
    const rows = transferGoTerms({ accession, queryLength: queries.sequences[q]!.length, hits: queryHits }, key.model, key.layer, config.distance_metric, references, align);
    const summary = summarise(rows, config);
    await writer.writeQuery(accession, rows, summary);
    if (rows.length > 0) tallies.annotated.add(accession);
    rowCount += rows.length;
    tallies.summaryRows += summary.length;
    alignments?.forgetQuery(q);
  }
  return { hits: hitCount, rows: rowCount };
}

async function readReferenceSide(storeDir: string, name: string, config: AnnotateConfig): Promise<ReferenceSide> {
  const store = await Store.open(storeDir, { readonly: true });
  try {
    const row = requireReference(store, name);
    const dataset = store.catalog.getDataset(row.dataset_id);
    const embeddings = store.catalog.listEmbeddings(row.dataset_id);
    const wanted = config.models;
    if (wanted) {
      for (const model of Object.keys(wanted)) {
        if (!embeddings.some((e) => e.model === model)) {
          throw new EngineError('invalid_config', `models: reference "${name}" has no embeddings of model "${model}" (it has: ${[...new Set(embeddings.map((e) => e.model))].join(', ')})`);
        }
        for (const layer of wanted[model]!.layers ?? []) {
          if (!embeddings.some((e) => e.model === model && e.layer === layer)) {
            throw new EngineError('invalid_config', `models.${model}.layers: reference "${name}" has no layer ${layer} of ${model} (it has: ${embeddings.filter((e) => e.model === model).map((e) => e.layer).join(', ')})`);
          }
        }
      }
    }
    const layers = embeddings
      .filter((e) => !wanted || (wanted[e.model] && (!wanted[e.model]!.layers || wanted[e.model]!.layers!.includes(e.layer))))
      .map((e) => ({ key: { model: e.model, layer: e.layer }, table: e.table_name, dim: e.dim, count: e.count }));
    const goRows = store.catalog.references.go(name);
    if (goRows.length === 0) {
      throw new EngineError('invalid_labels', `reference "${name}" has no GO annotations, so there is nothing to transfer (build it with --go-annotations and --ontology)`);
    }
    const go = new Map<string, GoLabelRow[]>();
    for (const label of goRows) go.set(label.seq_id, [...(go.get(label.seq_id) ?? []), label]);
    return {
      name, datasetId: row.dataset_id, alphabet: dataset?.alphabet === 'dna' ? 'dna' : 'protein', layers, go,
      terms: store.catalog.references.goTerms(new Set(goRows.map((g) => g.go_id))),
      taxonomy: store.catalog.references.taxonomy(name),
    };
  } finally {
    await store.close();
  }
}

async function checkQueryAlphabet(storeDir: string, queries: QuerySet, reference: ReferenceSide): Promise<void> {
  if (queries.source.kind !== 'fasta') return;
  const store = await Store.open(storeDir, { readonly: true });
  try {
    const alphabet = store.catalog.getDataset(queries.source.datasetId)?.alphabet;
    if (alphabet && alphabet !== reference.alphabet) {
      throw new EngineError('wrong_alphabet', `${queries.source.file} holds ${alphabet} sequences but reference "${reference.name}" is ${reference.alphabet}`);
    }
  } finally {
    await store.close();
  }
}

/** The seed prefilter reads protein residues of both sides; an HDF5 query set may carry no sequences at all. */
function checkSeedable(reference: ReferenceSide, queries: QuerySet): void {
  if (reference.alphabet !== 'protein') {
    throw new EngineError('invalid_config', `candidates.source: seeds work on proteins, and reference "${reference.name}" is ${reference.alphabet}; use source: embedding`);
  }
  if (queries.sequences.some((s) => s.length === 0)) {
    throw new EngineError('invalid_config', `candidates.source: seeds need the query sequences, and ${queries.source.file} has queries without one`);
  }
}

async function loadNcbiTaxonomy(dir: string): Promise<NcbiTaxonomy> {
  try {
    return await NcbiTaxonomy.load(dir);
  } catch (error) {
    if (error instanceof OntologyError) throw new EngineError('invalid_config', `ncbi_taxonomy: ${error.message}`);
    throw error;
  }
}

function goReferences(stored: StoredVectors, reference: ReferenceSide, organisms: ReadonlyMap<string, string>): GoReferences {
  const taxidOf = new Map(reference.taxonomy.map((t) => [t.seq_id, t.taxid]));
  return {
    ids: stored.ids,
    lengths: stored.lengths,
    go: stored.ids.map((id) => reference.go.get(id) ?? []),
    terms: reference.terms,
    organism: (row) => organisms.get(stored.ids[row]!) ?? '',
    taxid: (row) => taxidOf.get(stored.ids[row]!) ?? null,
  };
}

/** UniProt headers name the organism as `OS=Homo sapiens OX=9606`; other headers carry none. */
function organismOf(description: string): string | undefined {
  return /(?:^|\s)OS=(.*?)(?=\s[A-Z]{2}=|$)/.exec(description)?.[1];
}

function modelThreshold(config: AnnotateConfig, model: string): number | undefined {
  const threshold = config.models?.[model]?.distance_threshold;
  return threshold === false || threshold === undefined ? undefined : threshold;
}

/**
 * The search's exclude rule (taxonomy filter, then redundancy filter), and with the redundancy filter, its
 * alignments of the candidates it will certainly judge worked out together on the alignment threads.
 */
function excludeOptions(
  config: AnnotateConfig,
  allowed: Uint8Array | undefined,
  alignments: PairAlignments | undefined,
  countRedundant: (query: number, ref: number) => void,
): Pick<SearchOptions, 'exclude' | 'prepareExclude'> {
  const redundancy = config.redundancy_filter > 0 && alignments ? alignments : undefined;
  if (!allowed && !redundancy) return {};
  const searchable = (ref: number) => !allowed || allowed[ref] !== 0;
  return {
    exclude: (query, ref) => {
      if (!searchable(ref)) return true;
      if (redundancy && isRedundant(redundancy, query, ref, config.redundancy_filter, config.alignment_coverage)) {
        countRedundant(query, ref);
        return true;
      }
      return false;
    },
    prepareExclude: redundancy
      ? (candidates) => redundancy.alignAhead(candidates.flatMap(({ query, refs }) => refs.filter(searchable).map((ref) => ({ query, ref, mode: 'local' as const }))))
      : undefined,
  };
}

/** Exact search of one block of queries; `offset` turns block rows into query numbers for the exclude filter. */
async function searchExact(searcher: KnnSearcher, matrix: ReferenceMatrix, block: Float32Array, count: number, offset: number, k: number, options: SearchOptions): Promise<KnnHit[][]> {
  const { exclude, prepareExclude } = options;
  try {
    return await searcher.search(matrix, block, count, k, {
      ...options,
      exclude: exclude ? (q, r) => exclude(q + offset, r) : undefined,
      prepareExclude: prepareExclude ? (candidates) => prepareExclude(candidates.map(({ query, refs }) => ({ query: query + offset, refs }))) : undefined,
    });
  } catch (error) {
    if (error instanceof LookupInputError) throw new EngineError('reference_mismatch', error.message);
    throw error;
  }
}

async function approximateHits(
  store: Store, table: string, datasetId: string, rowOf: ReadonlyMap<string, number>, block: Float32Array, count: number, offset: number, dim: number,
  config: AnnotateConfig, options: SearchOptions,
): Promise<KnnHit[][]> {
  const k = config.limit_per_entry;
  // Filters drop candidates after the index answers, so ask it for more than k when any filter is on.
  const fetch = options.exclude || options.maxDistance !== undefined ? 4 * k : k;
  const candidates = await approximateSearch(store, table, datasetId, rowOf, block, count, dim, config.distance_metric, {
    nprobes: config.approximate.nprobes, refineFactor: config.approximate.refine_factor, fetch,
  });
  const { exclude, prepareExclude } = options;
  await prepareExclude?.(candidates.map((list, i) => ({ query: i + offset, refs: firstToExclude(list, k, options.maxDistance) })));
  return candidates.map((list, i) => filterCandidates(i, list, k, true, { ...options, exclude: exclude ? (_q, r) => exclude(i + offset, r) : undefined }).hits);
}

/** Share of the exact k nearest (after filters) that the approximate search also returns, on the first queries. */
async function measureRecall(
  store: Store, table: string, datasetId: string, rowOf: ReadonlyMap<string, number>, queries: Float32Array, queryCount: number, dim: number,
  config: AnnotateConfig, searcher: KnnSearcher, matrix: ReferenceMatrix, options: SearchOptions,
): Promise<number> {
  const sample = Math.min(config.approximate.recall_sample, queryCount);
  if (sample === 0) return Number.NaN;
  const block = queries.subarray(0, sample * dim);
  const exact = await searchExact(searcher, matrix, block, sample, 0, config.limit_per_entry, options);
  const approx = await approximateHits(store, table, datasetId, rowOf, block, sample, 0, dim, config, options);
  let found = 0;
  let total = 0;
  exact.forEach((hits, q) => {
    const mine = new Set(approx[q]!.map((h) => h.index));
    total += hits.length;
    found += hits.filter((h) => mine.has(h.index)).length;
  });
  return total > 0 ? found / total : 1;
}

async function writeSequencesFasta(out: string, queries: QuerySet, references: Map<string, { sequence: string }>): Promise<void> {
  await mkdir(out, { recursive: true });
  const lines: string[] = [];
  queries.ids.forEach((id, i) => {
    const sequence = queries.sequences[i]!;
    if (sequence.length > 0) lines.push(`>${id} query\n${wrap(sequence)}`);
  });
  for (const [id, { sequence }] of references) lines.push(`>${id} reference\n${wrap(sequence)}`);
  await writeFile(join(out, 'sequences.fasta'), lines.join(''));
}

const wrap = (sequence: string): string => `${sequence.replace(/(.{80})/g, '$1\n').replace(/\n$/, '')}\n`;
