import { embedInMemory } from '../embed/embed-in-memory.ts';
import type { EmbeddingSettings } from '../embed/embedding-settings.ts';
import { gatherRows, type KnnSearcher, type ReferenceMatrix } from '../lookup/index.ts';
import type { ModelBundle } from '../models/bundle-registry.ts';
import { mulberry32 } from '../../native/onnx/seeded-random.ts';
import { loadSequences } from '../store/stored-vectors.ts';
import type { Store } from '../store/store.ts';
import type { ClassifyConfig } from './classify-config.ts';
import { CONTEXT_NEIGHBOURS, DEFAULT_FIT, absentTaxonRanks, fitTaxonomyModel, type AbsentTaxonQueries } from './fit-taxonomy-model.ts';
import { withReadErrors } from './read-errors.ts';
import type { TaxonomyModel } from './taxonomy-model.ts';
import type { TaxonomyReference } from './taxonomy-reference.ts';

/** How to make leave-one-out queries as noisy as the reads: the error rate, and what embeds the noisy copies. */
export interface NoisyQueries {
  rate: number;
  store: Store;
  datasetId: string;
  bundle: ModelBundle;
  settings: EmbeddingSettings;
}

/** The same noisy copies on every run (and so the same fit, which the store keeps). */
const NOISE_SEED = 20261123;

/**
 * Leave-one-out on (a sample of) the reference: each sampled reference is searched with its own record excluded
 * (and, for ranks short of absent taxa, with its whole taxon excluded). The query is the reference's own vector, or
 * with `noisy`, the vector of a copy of its sequence with errors at the reads' rate (see read-errors.ts).
 */
export async function fitOnReference(
  searcher: KnnSearcher, matrix: ReferenceMatrix, reference: TaxonomyReference, config: ClassifyConfig, noisy?: NoisyQueries,
): Promise<TaxonomyModel> {
  const count = reference.ids.length;
  const size = Math.min(count, config.calibration.max_references);
  // Evenly spaced rather than random: deterministic, and spread over the reference file's order.
  const sample = Int32Array.from({ length: size }, (_, i) => Math.floor((i * count) / size));
  const rows = noisy ? await noisyReferenceVectors(reference, sample, noisy) : gatherRows(reference.vectors, sample, reference.dim);
  const rowOf = new Map([...sample].map((ref, i) => [ref, i]));
  const hits = await searcher.search(matrix, rows, size, CONTEXT_NEIGHBOURS, { exclude: (q, ref) => ref === sample[q] });
  const absent: AbsentTaxonQueries[] = [];
  for (const { rank, queries } of absentTaxonRanks(reference.paths, sample)) {
    const codes = reference.paths.codes[rank]!;
    // Evenly spaced labelled references, each searched with its whole taxon at this rank hidden.
    const labelled = [...sample].filter((ref) => codes[ref]! >= 0);
    const picks = Math.min(labelled.length, queries);
    const picked = Int32Array.from({ length: picks }, (_, i) => labelled[Math.floor((i * labelled.length) / picks)]!);
    const queryRows = gatherRows(rows, [...picked].map((ref) => rowOf.get(ref)!), reference.dim);
    const absentHits = await searcher.search(matrix, queryRows, picked.length, CONTEXT_NEIGHBOURS, { exclude: (q, ref) => codes[ref] === codes[picked[q]!] });
    absent.push({ rank, sample: picked, hits: absentHits });
  }
  return fitTaxonomyModel(reference.paths, { sample, hits, absent }, { ...DEFAULT_FIT, kChoices: config.k === 'auto' ? DEFAULT_FIT.kChoices : [config.k] });
}

/** Vectors of noisy copies of references `refs`; a copy the model cannot embed (too short) keeps the clean vector. */
export async function noisyReferenceVectors(reference: TaxonomyReference, refs: Int32Array, noisy: NoisyQueries): Promise<Float32Array> {
  const ids = [...refs].map((ref) => reference.ids[ref]!);
  const sequences = await loadSequences(noisy.store, noisy.datasetId, new Set(ids));
  const random = mulberry32(NOISE_SEED);
  const copies = ids.map((id) => withReadErrors(sequences.get(id)?.sequence ?? '', noisy.rate, random));
  const embedded = await embedInMemory(noisy.bundle, reference.layer, copies, noisy.settings);
  const rows = gatherRows(reference.vectors, refs, reference.dim);
  refs.forEach((_, i) => {
    if (embedded.embedded[i]) rows.set(embedded.vectors.subarray(i * reference.dim, (i + 1) * reference.dim), i * reference.dim);
  });
  return rows;
}
