import { resolve } from 'node:path';
import { gatherRows } from '../../lookup/index.ts';
import { mulberry32 } from '../../../native/onnx/seeded-random.ts';
import { createOrtMatMul } from '../../../native/runtime/ort-matmul.ts';
import type { MatMul } from '../../../native/fit/dominant-subspace.ts';
import type { EventSink, JobControl } from '../../api/job-events.ts';
import { parseRequest } from '../../api/parse-request.ts';
import { EngineError } from '../../shared/engine-error.ts';
import { SEQATLAS_VERSION } from '../../shared/version.ts';
import { Store } from '../../store/store.ts';
import { chooseEmbedding, loadTaxonomyReference, type TaxonomyReference } from '../taxonomy-reference.ts';
import { noisyReferenceVectors } from '../reference-fit.ts';
import { EmbeddingSettings } from '../../embed/embedding-settings.ts';
import type { ModelBundle } from '../../models/bundle-registry.ts';
import type { TaxonPaths } from '../taxon-paths.ts';
import { evaluateHeldOut, type HeldOutCalls } from './bundle-evaluation.ts';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, type ClassifierManifest, type LabelsFile } from './bundle-manifest.ts';
import { writeBundle } from './bundle-writer.ts';
import { buildHeadGraph } from './head-graph.ts';
import { headLogits, trainSoftmax, type LinearHead } from './softmax-trainer.ts';
import { fitTemperature, probabilityAt, type ScoredCall } from './temperature-scaling.ts';
import { chooseTopDown, topDownCalls, type HeadLabels } from './top-down.ts';
import { TrainRequest, type TrainResult } from './train-request.ts';

export interface TrainContext {
  emit: EventSink;
  control: JobControl;
  /** An installed embedding model by id: training for noisy reads embeds noisy copies of the references with it. */
  findModel(id: string): Promise<ModelBundle>;
}

/** Fewer labelled references than this leave too little to hold out and still learn every rank. */
const MIN_RECORDS = 20;

/** Share of references of known lowest-rank taxa that may be flagged novel, as in the k-NN classifier. */
const NOVELTY_FALSE_ALARMS = 0.05;

/**
 * `train`: a linear softmax head per rank on the reference's embeddings, calibrated and evaluated on a held-out
 * part, then refitted on everything and packaged as a bundle folder that classify can use without the reference.
 *   1. split: a seeded, stratified share of every taxon is held out (singletons too, so some held-out references
 *      belong to taxa the training part lacks, as some real reads will);
 *   2. fit a head per rank on the training part; fit each rank's temperature on the held-out calls; evaluate;
 *   3. refit every head on all references, keeping the temperatures (the held-out part was their only fair data),
 *      and write head.onnx, labels.json, evaluation.json and bundle.json.
 */
export async function runTrain(requestInput: TrainRequest, context: TrainContext): Promise<TrainResult> {
  const started = performance.now();
  const request = parseRequest(TrainRequest, requestInput, 'train request');
  const jobId = `train:${request.reference}`;
  const store = await Store.open(request.store, { readonly: true });
  let reference: TaxonomyReference;
  let modelVersion: string;
  let vectors: Float32Array;
  try {
    const chosen = chooseEmbedding(store, request.reference, request.model, request.layer);
    reference = await loadTaxonomyReference(store, request.reference, chosen.model, chosen.layer);
    modelVersion = store.catalog.listEmbeddings(chosen.datasetId).find((e) => e.model === chosen.model && e.layer === chosen.layer)!.model_version;
    // For noisy reads, each reference gets a copy with their errors: the temperatures, evaluation and novelty
    // distance then see vectors as far from the clean ones as the reads' are, and the heads learn from both.
    vectors = request.readErrorRate > 0
      ? await noisyReferenceVectors(reference, Int32Array.from(reference.ids.keys()), {
        rate: request.readErrorRate, store, datasetId: chosen.datasetId, bundle: await context.findModel(reference.model), settings: EmbeddingSettings.parse(undefined),
      })
      : reference.vectors;
  } finally {
    await store.close();
  }
  const count = reference.ids.length;
  if (count < MIN_RECORDS) throw new EngineError('invalid_labels', `reference "${reference.name}" has ${count} references with a lineage; training needs at least ${MIN_RECORDS}`);
  if (reference.unlabelled > 0) context.emit({ type: 'warning', jobId, message: `${reference.unlabelled} references of ${reference.name} have no lineage and are left out` });

  const { paths, dim } = reference;
  const ranks = paths.ranks;
  // For noisy reads the heads learn from both the clean references and their noisy copies (each with its label):
  // from the noisy copies alone they lost what the clean profiles tell apart (gold split, genus decision accuracy at
  // 2 / 5 / 10% errors: 0.847 / 0.808 / 0.721 from the copies alone, 0.885 / 0.868 / 0.810 from both).
  const noisy = request.readErrorRate > 0;
  const trainX = noisy ? concatenated(reference.vectors, vectors) : vectors;
  const twice = (targets: Int32Array) => (noisy ? concatenated(targets, targets) : targets);
  const heldOut = stratifiedHoldout(paths, request.holdout, request.seed);
  const { matmul, release } = await createOrtMatMul();
  try {
    let step = 0;
    const progress = async () => {
      if (context.control.signal.aborted) throw new EngineError('cancelled', `train cancelled; no bundle was written`);
      await context.control.waitIfPaused();
      context.emit({ type: 'progress', jobId, stage: 'prepare', done: step, total: 2 * ranks.length, unit: 'heads', rate: 0, eta: null });
      step += 1;
    };
    const settings = { l2: request.l2, maxIterations: request.epochs, matmul };

    // 1–2. Heads on the training part, scored on the held-out part.
    const trainLabels = new HeadLabelMap(paths, (i) => !heldOut[i]);
    const heldRows = [...heldOut.keys()].filter((i) => heldOut[i]);
    if (heldRows.length === 0) throw new EngineError('bad_request', `train request: field "holdout": ${request.holdout} of ${count} references holds none out; raise it`);
    const heldX = gatherRows(vectors, heldRows, dim);
    const heldLogits: Float32Array[] = [];
    for (let r = 0; r < ranks.length; r += 1) {
      await progress();
      if (trainLabels.labels.classes[r]!.length === 0) throw new EngineError('invalid_labels', `reference "${reference.name}": every reference labelled at ${ranks[r]} was held out; lower the holdout or try another seed`);
      const fit = await trainSoftmax(trainX, dim, twice(trainLabels.targets(r)), trainLabels.labels.classes[r]!.length, settings);
      heldLogits.push(await headLogits(fit.head, heldX, heldRows.length, matmul));
    }
    const rowOf = (r: number, i: number) => heldLogits[r]!.subarray(i * trainLabels.labels.classes[r]!.length, (i + 1) * trainLabels.labels.classes[r]!.length);
    const chosen = heldRows.map((_, i) => chooseTopDown(trainLabels.labels, ranks.map((__, r) => rowOf(r, i))));
    const rightAt = (r: number, i: number): boolean | null => {
      const truth = paths.codes[r]![heldRows[i]!]!;
      if (truth < 0) return null;
      const c = chosen[i]![r];
      return c !== undefined && trainLabels.codeOf(r, c) === truth;
    };
    const temperatures = ranks.map((_, r) => {
      const calls: ScoredCall[] = [];
      heldRows.forEach((__, i) => {
        const right = rightAt(r, i);
        const c = chosen[i]![r];
        if (right !== null && c !== undefined) calls.push({ logits: rowOf(r, i), chosen: c, right });
      });
      return fitTemperature(calls);
    });
    const heldCalls: HeldOutCalls[] = heldRows.map((row, i) => {
      const probabilities = ranks.map((_, r) => {
        const logits = rowOf(r, i);
        return Float64Array.from(logits, (__, c) => probabilityAt(logits, c, temperatures[r]!));
      });
      return {
        calls: topDownCalls(trainLabels.labels, probabilities),
        right: ranks.map((_, r) => rightAt(r, i)),
        known: ranks.map((_, r) => trainLabels.hasCode(r, paths.codes[r]![row]!)),
      };
    });
    const minConfidence = ranks.map(() => request.minConfidence);
    const evaluation = evaluateHeldOut(ranks, minConfidence, temperatures, heldCalls, count - heldRows.length);

    // 3. Refit on all references; a class per taxon with at least one reference.
    const allLabels = new HeadLabelMap(paths, () => true);
    const heads: LinearHead[] = [];
    for (let r = 0; r < ranks.length; r += 1) {
      await progress();
      heads.push((await trainSoftmax(trainX, dim, twice(allLabels.targets(r)), allLabels.labels.classes[r]!.length, settings)).head);
    }
    const { centroids, noveltyDistance } = await lowestRankCentroids(paths, vectors, dim, matmul);

    const manifest: ClassifierManifest = {
      format: BUNDLE_FORMAT,
      formatVersion: BUNDLE_FORMAT_VERSION,
      embedder: { model: reference.model, version: modelVersion, layer: reference.layer, dim, alphabet: reference.alphabet },
      ranks: ranks.map((rank, r) => ({ rank, classes: heads[r]!.classes, minConfidence: minConfidence[r]!, temperature: temperatures[r]! })),
      noveltyDistance,
      provenance: {
        reference: reference.name,
        records: count,
        created: new Date().toISOString(),
        seqatlas: SEQATLAS_VERSION,
        training: { holdout: request.holdout, seed: request.seed, epochs: request.epochs, l2: request.l2, readErrorRate: request.readErrorRate },
      },
    };
    const labels: LabelsFile = { ranks: ranks.map((rank, r) => ({ rank, classes: allLabels.labels.classes[r]! })) };
    const head = buildHeadGraph({
      dim,
      ranks: heads.map((h, r) => ({ head: h, temperature: temperatures[r]! })),
      centroids,
      metadata: { 'seqatlas.graph': 'classifier head', 'seqatlas.reference': reference.name, 'seqatlas.embedder': `${reference.model} ${modelVersion} layer ${reference.layer}` },
    });
    const out = resolve(request.out);
    await writeBundle(out, { manifest, labels, head, evaluation });
    return {
      out, reference: reference.name, model: reference.model, modelVersion, layer: reference.layer, records: count, heldOut: heldRows.length, noveltyDistance,
      ranks: evaluation.ranks.map((e, r) => ({ ...e, classes: heads[r]!.classes })),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await release();
  }
}

/**
 * Per reference, whether it is held out. Stratified on each reference's deepest taxon: within a taxon the members
 * are shuffled with the seed and the first holdout × n (randomly rounded) held out, so every taxon, however
 * small, is represented in proportion.
 */
function stratifiedHoldout(paths: TaxonPaths, holdout: number, seed: number): boolean[] {
  const random = mulberry32(seed);
  const groups = new Map<string, number[]>();
  paths.codes[0]!.forEach((_, i) => {
    let r = paths.codes.length - 1;
    while (r > 0 && paths.codes[r]![i]! < 0) r -= 1;
    const key = `${r}:${paths.codes[r]![i]!}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const held = new Array<boolean>(paths.codes[0]!.length).fill(false);
  for (const members of groups.values()) {
    for (let k = members.length - 1; k > 0; k -= 1) {
      const j = Math.floor(random() * (k + 1));
      [members[k], members[j]] = [members[j]!, members[k]!];
    }
    const take = Math.floor(holdout * members.length + random());
    for (const i of members.slice(0, take)) held[i] = true;
  }
  return held;
}

/**
 * The classes of each rank's head over a subset of references: the taxa with at least one member in it, in code
 * order, each with its parent's class index and its lineage.
 */
class HeadLabelMap {
  readonly labels: HeadLabels;
  private readonly classOfCode: Map<number, number>[];
  private readonly codeOfClass: number[][];

  constructor(
    private readonly paths: TaxonPaths,
    private readonly included: (reference: number) => boolean,
  ) {
    this.classOfCode = paths.ranks.map(() => new Map());
    this.codeOfClass = paths.ranks.map(() => []);
    paths.ranks.forEach((_, r) => {
      const present = new Set<number>();
      paths.codes[r]!.forEach((code, i) => {
        if (code >= 0 && included(i)) present.add(code);
      });
      for (const code of [...present].sort((a, b) => a - b)) {
        this.classOfCode[r]!.set(code, this.codeOfClass[r]!.length);
        this.codeOfClass[r]!.push(code);
      }
    });
    this.labels = {
      ranks: paths.ranks,
      classes: paths.ranks.map((_, r) =>
        this.codeOfClass[r]!.map((code) => ({ name: paths.names[r]![code]!, parent: r === 0 ? -1 : this.classOfCode[r - 1]!.get(paths.parents[r]![code]!)!, lineage: this.lineage(r, code) })),
      ),
    };
  }

  /** Class index per reference at rank r; -1 for references outside the subset or unlabelled there. */
  targets(r: number): Int32Array {
    return Int32Array.from(this.paths.codes[r]!, (code, i) => (code >= 0 && this.included(i) ? this.classOfCode[r]!.get(code)! : -1));
  }

  codeOf(r: number, cls: number): number {
    return this.codeOfClass[r]![cls]!;
  }

  hasCode(r: number, code: number): boolean {
    return this.classOfCode[r]!.has(code);
  }

  private lineage(r: number, code: number): string {
    const names: string[] = [];
    for (let rank = r, c = code; rank >= 0; c = this.paths.parents[rank]![c]!, rank -= 1) names.unshift(this.paths.names[rank]![c]!);
    return names.join('; ');
  }
}


/**
 * L2-normalised centroids of the lowest rank's taxa, and the novelty distance: the 95th percentile, over
 * references whose lowest-rank taxon has other members, of the cosine distance to the nearest centroid with the
 * reference itself left out of its own taxon's centroid. It plays the part of the k-NN classifier's novelty distance
 * (nearest other reference) for a bundle, which carries centroids instead of references.
 */
async function lowestRankCentroids(paths: TaxonPaths, vectors: Float32Array, dim: number, matmul: MatMul): Promise<{ centroids: Float32Array; noveltyDistance: number }> {
  const lowest = paths.ranks.length - 1;
  const codes = paths.codes[lowest]!;
  const taxa = paths.names[lowest]!.length;
  const count = codes.length;
  const unit = new Float32Array(count * dim);
  for (let i = 0; i < count; i += 1) {
    let norm = 0;
    for (let j = 0; j < dim; j += 1) norm += vectors[i * dim + j]! ** 2;
    const inverse = 1 / (Math.sqrt(norm) || 1);
    for (let j = 0; j < dim; j += 1) unit[i * dim + j] = vectors[i * dim + j]! * inverse;
  }
  const sums = new Float64Array(taxa * dim);
  const members = new Int32Array(taxa);
  codes.forEach((code, i) => {
    if (code < 0) return;
    members[code]! += 1;
    for (let j = 0; j < dim; j += 1) sums[code * dim + j]! += unit[i * dim + j]!;
  });
  const sumNorms = Float64Array.from({ length: taxa }, (_, c) => Math.sqrt(sums.subarray(c * dim, (c + 1) * dim).reduce((s, v) => s + v * v, 0)));
  const centroids = Float32Array.from(sums, (v, k) => v / (sumNorms[Math.floor(k / dim)]! || 1));
  const similarity = await matmul(unit, count, dim, transpose(centroids, taxa, dim), taxa);
  const distances: number[] = [];
  codes.forEach((own, i) => {
    if (own < 0 || members[own]! < 2) return;
    let best = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < taxa; c += 1) {
      if (c === own) {
        // cos(x, S - x) with |x| = 1: (x·S - 1) / |S - x|, |S - x|² = |S|² - 2x·S + 1.
        const xs = similarity[i * taxa + c]! * sumNorms[c]!;
        const rest = Math.sqrt(Math.max(1e-12, sumNorms[c]! ** 2 - 2 * xs + 1));
        best = Math.max(best, (xs - 1) / rest);
      } else best = Math.max(best, similarity[i * taxa + c]!);
    }
    distances.push(1 - best);
  });
  distances.sort((a, b) => a - b);
  const noveltyDistance = distances.length > 0 ? Math.max(0, distances[Math.min(distances.length - 1, Math.floor((1 - NOVELTY_FALSE_ALARMS) * distances.length))]!) : 1;
  return { centroids, noveltyDistance };
}

function transpose(rows: Float32Array, count: number, dim: number): Float32Array {
  const out = new Float32Array(rows.length);
  for (let c = 0; c < count; c += 1) for (let j = 0; j < dim; j += 1) out[j * count + c] = rows[c * dim + j]!;
  return out;
}

/** `b`'s rows after `a`'s. */
function concatenated<T extends Float32Array | Int32Array>(a: T, b: T): T {
  const out = new (a.constructor as new (length: number) => T)(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
