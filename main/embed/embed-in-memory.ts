import type { ModelBundle } from '../models/bundle-registry.ts';
import { createTokenizer } from '../models/tokenizers/tokenizer-factory.ts';
import { TokenizeError } from '../models/tokenizers/tokenizer.ts';
import { EngineError } from '../shared/engine-error.ts';
import { batchLimitsFor, planBatches } from './batch-planner.ts';
import type { EmbeddingSettings } from './embedding-settings.ts';
import { openModelSession } from './model-session.ts';
import { SequenceEmbedder, type TokenizedSequence } from './sequence-embedder.ts';

/**
 * Vectors of sequences that are never stored: one layer of one model, batched as the embedding job batches, rows in
 * the order given. For sequences a run makes up and throws away (the noisy copies of references that calibrate
 * classification for noisy reads), where a resumable job in the store would only leave a dataset nobody asked for.
 * A sequence that gives no tokens gets no vector: `embedded[i]` says which rows are filled.
 */
export async function embedInMemory(
  bundle: ModelBundle, layerId: number, sequences: readonly string[], settings: EmbeddingSettings,
): Promise<{ vectors: Float32Array; embedded: Uint8Array; dim: number }> {
  const layer = bundle.manifest.layers.find((l) => l.id === layerId);
  if (!layer) throw new EngineError('unknown_layer', `model ${bundle.manifest.id} has no layer ${layerId}`);
  const opened = await openModelSession(bundle, settings);
  try {
    const embedder = new SequenceEmbedder(bundle, await createTokenizer(bundle), opened.session, [layer]);
    const { dim } = embedder;
    const vectors = new Float32Array(sequences.length * dim);
    const embedded = new Uint8Array(sequences.length);
    const rows: number[] = [];
    const tokenized: TokenizedSequence[] = [];
    sequences.forEach((sequence, i) => {
      try {
        tokenized.push(embedder.tokenize(sequence));
        rows.push(i);
      } catch (error) {
        if (!(error instanceof TokenizeError)) throw error;
      }
    });
    for (const members of planBatches(tokenized.map((t) => embedder.planItem(t)), batchLimitsFor(bundle.manifest.batch))) {
      const [batch] = await embedder.embed(members.map((m) => tokenized[m]!));
      members.forEach((m, j) => {
        vectors.set(batch!.subarray(j * dim, (j + 1) * dim), rows[m]! * dim);
        embedded[rows[m]!] = 1;
      });
    }
    return { vectors, embedded, dim };
  } finally {
    await opened.session.release();
  }
}
