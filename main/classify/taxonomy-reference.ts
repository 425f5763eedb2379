import { requireReference } from '../references/reference-sets.ts';
import { EngineError } from '../shared/engine-error.ts';
import { loadStoredVectors } from '../store/stored-vectors.ts';
import type { Store } from '../store/store.ts';
import { buildTaxonPaths, type TaxonPaths } from './taxon-paths.ts';

/** The searchable side of a classification: the labelled references of one (model, layer) and their lineages. */
export interface TaxonomyReference {
  name: string;
  alphabet: 'dna' | 'protein';
  model: string;
  layer: number;
  ids: string[];
  vectors: Float32Array;
  dim: number;
  paths: TaxonPaths;
  /** References left out because they carry no lineage. */
  unlabelled: number;
}

/** Which embedding of a reference set a run searches: the one asked for, or else the set's first. */
export function chooseEmbedding(store: Store, name: string, model?: string, layer?: number): { model: string; layer: number; datasetId: string; alphabet: 'dna' | 'protein' } {
  const row = requireReference(store, name);
  const embeddings = store.catalog.listEmbeddings(row.dataset_id);
  const matching = embeddings.filter((e) => (model === undefined || e.model === model) && (layer === undefined || e.layer === layer));
  if (matching.length === 0) {
    const have = embeddings.map((e) => `${e.model} layer ${e.layer}`).join(', ') || 'none';
    throw new EngineError('reference_mismatch', `reference "${name}" has no embeddings of ${model ?? 'any model'}${layer === undefined ? '' : ` layer ${layer}`} (it has: ${have})`);
  }
  const alphabet = store.catalog.getDataset(row.dataset_id)?.alphabet === 'protein' ? 'protein' : 'dna';
  return { model: matching[0]!.model, layer: matching[0]!.layer, datasetId: row.dataset_id, alphabet };
}

/**
 * Loads the references with a lineage. Unlabelled references are left out of the search altogether: as
 * neighbours they could only dilute the vote, never name a taxon.
 */
export async function loadTaxonomyReference(store: Store, name: string, model?: string, layer?: number): Promise<TaxonomyReference> {
  const chosen = chooseEmbedding(store, name, model, layer);
  const stored = await loadStoredVectors(store, chosen.datasetId, chosen.model, chosen.layer);
  if (stored.count === 0) throw new EngineError('invalid_labels', `reference "${name}" has no embedded sequences`);
  const all = buildTaxonPaths(name, stored.ids, store.catalog.references.taxonomy(name));
  const keep: number[] = [];
  all.codes[0]!.forEach((code, i) => {
    if (code >= 0) keep.push(i);
  });
  if (keep.length === 0) throw new EngineError('invalid_labels', `reference "${name}" has no sequence with a lineage`);
  const vectors = new Float32Array(keep.length * stored.dim);
  keep.forEach((from, to) => vectors.set(stored.vectors.subarray(from * stored.dim, (from + 1) * stored.dim), to * stored.dim));
  const ids = keep.map((i) => stored.ids[i]!);
  const paths = { ...all, codes: all.codes.map((codes) => Int32Array.from(keep, (i) => codes[i]!)) };
  return { name, alphabet: chosen.alphabet, model: chosen.model, layer: chosen.layer, ids, vectors, dim: stored.dim, paths, unlabelled: stored.count - keep.length };
}
