import { basename, resolve } from 'node:path';
import type { EmbedRequest, EmbedResult } from '../api/embed-request.ts';
import type { EventSink, JobControl } from '../api/job-events.ts';
import { EngineError } from '../shared/engine-error.ts';
import { loadSequences, loadStoredVectors } from '../store/stored-vectors.ts';
import { Store } from '../store/store.ts';
import type { EmbeddingSettings } from '../embed/embedding-settings.ts';

/** A (model, layer) the run searches. */
export interface LayerKey {
  model: string;
  layer: number;
}

/** The queries of a run: ids and sequences in one order, and their vectors per (model, layer) in that order. */
export interface QuerySet {
  ids: string[];
  sequences: string[];
  /** Where they came from: the store dataset embedded from FASTA, or the HDF5 file. */
  source: { kind: 'fasta'; datasetId: string; file: string } | { kind: 'h5'; file: string };
  vectors: Map<string, { vectors: Float32Array; dim: number }>;
  provider: string | null;
}

export const layerKey = (key: LayerKey): string => `${key.model}\u0000${key.layer}`;

export interface QueryEmbedContext {
  embed(request: EmbedRequest, options: { emit: EventSink; control: JobControl }): Promise<EmbedResult>;
  emit: EventSink;
  control: JobControl;
}

/**
 * Embeds a query file with each model the run uses, as an ordinary resumable embedding job into the store (so a
 * re-run or a second reference reuses the vectors), then reads them back in record order.
 */
export async function embedQueries(
  input: string, storeDir: string, layers: readonly LayerKey[], config: { embedding: EmbeddingSettings; remove_gaps: boolean }, context: QueryEmbedContext,
  options: { reverseComplement?: boolean } = {},
): Promise<QuerySet> {
  const file = resolve(input);
  const byModel = new Map<string, number[]>();
  for (const { model, layer } of layers) byModel.set(model, [...(byModel.get(model) ?? []), layer]);
  let datasetId = '';
  let provider: string | null = null;
  for (const [model, modelLayers] of byModel) {
    const result = await context.embed(
      {
        input: file, store: storeDir, model, dataset: `query-${basename(file)}${options.reverseComplement ? '-reverse' : ''}`, layers: modelLayers,
        removeGaps: config.remove_gaps, reverseComplement: options.reverseComplement ?? false, ...config.embedding,
      },
      { emit: context.emit, control: context.control },
    );
    datasetId = result.datasetId;
    provider = result.provider;
  }
  const store = await Store.open(storeDir, { readonly: true });
  try {
    const vectors = new Map<string, { vectors: Float32Array; dim: number }>();
    let ids: string[] | undefined;
    for (const key of layers) {
      const stored = await loadStoredVectors(store, datasetId, key.model, key.layer);
      if (ids && (ids.length !== stored.ids.length || ids.some((id, i) => id !== stored.ids[i]))) {
        throw new EngineError('store_corrupt', `dataset ${datasetId}: the records embedded by ${key.model} layer ${key.layer} differ from those of the other layers; re-run the embedding`);
      }
      ids = stored.ids;
      vectors.set(layerKey(key), { vectors: stored.vectors, dim: stored.dim });
    }
    const sequences = await loadSequences(store, datasetId);
    const queryIds = ids ?? [];
    return {
      ids: queryIds,
      sequences: queryIds.map((id) => sequences.get(id)?.sequence ?? ''),
      source: { kind: 'fasta', datasetId, file },
      vectors,
      provider,
    };
  } finally {
    await store.close();
  }
}

/** Lookup-only mode: query vectors from an HDF5 file in FANTASIA's layout, for the models and layers the run uses. */
export async function readH5Queries(path: string, layers: readonly LayerKey[]): Promise<QuerySet> {
  const { readFantasiaH5, H5FormatError } = await import('../exchange/fantasia-h5.ts');
  const file = resolve(path);
  let entries: Awaited<ReturnType<typeof readFantasiaH5>>['entries'];
  try {
    ({ entries } = await readFantasiaH5(file, { models: [...new Set(layers.map((l) => l.model))] }));
  } catch (error) {
    if (error instanceof H5FormatError) throw new EngineError('h5_invalid', error.message);
    throw error;
  }
  const ids: string[] = [];
  const sequenceOf = new Map<string, string>();
  for (const entry of entries) {
    if (!sequenceOf.has(entry.accession)) {
      ids.push(entry.accession);
      sequenceOf.set(entry.accession, entry.sequence);
    }
  }
  const position = new Map(ids.map((id, i) => [id, i]));
  const vectors = new Map<string, { vectors: Float32Array; dim: number }>();
  for (const key of layers) {
    const matching = entries.filter((e) => e.model === key.model && e.layer === key.layer);
    if (matching.length === 0) continue;
    const dim = matching[0]!.vector.length;
    const block = new Float32Array(ids.length * dim);
    const seen = new Set<string>();
    for (const entry of matching) {
      if (entry.vector.length !== dim) {
        throw new EngineError('h5_invalid', `${basename(file)}: accession ${entry.accession} has a ${entry.vector.length}-dim ${key.model} layer ${key.layer} embedding, others have ${dim}`);
      }
      block.set(entry.vector, position.get(entry.accession)! * dim);
      seen.add(entry.accession);
    }
    if (seen.size !== ids.length) {
      const missing = ids.find((id) => !seen.has(id));
      throw new EngineError('h5_invalid', `${basename(file)}: accession ${missing} has no ${key.model} layer ${key.layer} embedding while others do`);
    }
    vectors.set(layerKey(key), { vectors: block, dim });
  }
  if (vectors.size === 0) {
    const have = [...new Set(entries.map((e) => `${e.model} layer ${e.layer}`))];
    throw new EngineError(
      'reference_mismatch',
      `${basename(file)} has no embeddings of the reference's models and layers (${layers.map((l) => `${l.model} layer ${l.layer}`).join(', ')}); it has ${have.join(', ') || 'none'}`,
    );
  }
  return { ids, sequences: ids.map((id) => sequenceOf.get(id) ?? ''), source: { kind: 'h5', file }, vectors, provider: null };
}
