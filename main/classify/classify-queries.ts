import { basename } from 'node:path';
import { embedQueries, layerKey, type LayerKey, type QueryEmbedContext } from '../annotate/query-vectors.ts';
import type { EmbeddingSettings } from '../embed/embedding-settings.ts';
import { sampleNamesOfFiles } from '../io/sequence-file-names.ts';
import { EngineError } from '../shared/engine-error.ts';
import { loadSampleTags } from '../store/stored-vectors.ts';
import { Store } from '../store/store.ts';

/** One input file of a classify run: the dataset it was embedded as and the sample its untagged reads belong to. */
export interface QueryFile {
  file: string;
  datasetId: string;
  /** With both strands compared: the dataset of the file's reverse complements. */
  reverseDatasetId?: string;
  sample: string;
  reads: number;
}

/** The reads of a classify run, every file's in file order. */
export interface ClassifyQueries {
  ids: string[];
  /** Whether each read's reverse complement was embedded and compared too. */
  bothStrands: boolean;
  files: QueryFile[];
  /** Per read, in `ids` order: the sample its header names (`;sample=`), or null. */
  headerSamples: (string | null)[];
  /** Per read: the index of its file in `files`. */
  fileIndex: number[];
  /** Per read: its abundance (`;size=N`, else 1). */
  sizes: number[];
  provider: string | null;
}

/** The reads' vectors for the run's (model, layer) as written and, with both strands, of their reverse complements. */
export interface QueryBlock {
  vectors: Float32Array;
  reverse: Float32Array | null;
  dim: number;
}

/**
 * Embeds every input file as its own dataset (each an ordinary resumable embedding job, so a re-run or another
 * reference reuses it) and joins them. A read id found in two files is refused: the run's outputs, maps and
 * exports name reads by id, so two reads with one id could not be told apart. With `bothStrands`, every file is
 * also embedded as its reverse complement (a dataset of its own), for reads sequenced in either orientation.
 */
export async function embedClassifyQueries(
  files: readonly string[], storeDir: string, key: LayerKey, config: { embedding: EmbeddingSettings; remove_gaps: boolean }, context: QueryEmbedContext,
  bothStrands: boolean,
): Promise<{ queries: ClassifyQueries; block: QueryBlock }> {
  const defaults = sampleNamesOfFiles(files);
  const seenIn = new Map<string, string>();
  const ids: string[] = [];
  const blocks: Float32Array[] = [];
  const reverseBlocks: Float32Array[] = [];
  const headerSamples: (string | null)[] = [];
  const fileIndex: number[] = [];
  const sizes: number[] = [];
  const queryFiles: QueryFile[] = [];
  let dim = 0;
  let provider: string | null = null;
  for (const [f, file] of files.entries()) {
    let reverseDatasetId: string | undefined;
    const set = await embedQueries(file, storeDir, [key], config, context);
    if (set.source.kind !== 'fasta') throw new EngineError('bad_request', `${file}: classify reads FASTA/FASTQ files`);
    const { datasetId } = set.source;
    const block = set.vectors.get(layerKey(key))!;
    const store = await Store.open(storeDir, { readonly: true });
    const tags = await loadSampleTags(store, datasetId).finally(() => store.close());
    for (const id of set.ids) {
      const earlier = seenIn.get(id);
      if (earlier !== undefined) throw new EngineError('bad_request', `read "${id}" is in both ${basename(earlier)} and ${basename(file)}: reads of one run need distinct ids (or merge the files and tag each read's sample with ;sample=X)`);
      seenIn.set(id, file);
      const tag = tags.get(id);
      headerSamples.push(tag?.sample ?? null);
      fileIndex.push(f);
      sizes.push(tag?.size ?? 1);
    }
    if (bothStrands) {
      const reverse = await embedQueries(file, storeDir, [key], config, context, { reverseComplement: true });
      if (reverse.source.kind === 'fasta') reverseDatasetId = reverse.source.datasetId;
      // Both readings accept the same records (a reverse complement is as valid as its strand), in the same order.
      if (reverse.ids.length !== set.ids.length || reverse.ids.some((id, i) => id !== set.ids[i])) {
        throw new EngineError('store_corrupt', `${basename(file)}: its reverse-strand dataset ${reverseDatasetId} holds other reads than the file's dataset ${datasetId}: the store's catalog is damaged (README: Recovering a damaged store); --strand forward classifies without it`);
      }
      reverseBlocks.push(reverse.vectors.get(layerKey(key))!.vectors);
    }
    // One at a time: spread into push, a file's ids are call arguments, past the stack's limit beyond ~120,000 reads.
    for (const id of set.ids) ids.push(id);
    blocks.push(block.vectors);
    dim = block.dim;
    provider = set.provider ?? provider;
    queryFiles.push({ file: set.source.file, datasetId, ...(reverseDatasetId ? { reverseDatasetId } : {}), sample: defaults[f]!, reads: set.ids.length });
  }
  // One file (the usual run) keeps its block as it is: a copy would hold a second set of every read's vector.
  const join = (parts: Float32Array[]) => {
    if (parts.length === 1) return parts[0]!;
    const joined = new Float32Array(ids.length * dim);
    let at = 0;
    for (const part of parts) {
      joined.set(part, at);
      at += part.length;
    }
    return joined;
  };
  return {
    queries: { ids, bothStrands, files: queryFiles, headerSamples, fileIndex, sizes, provider },
    block: { vectors: join(blocks), reverse: bothStrands ? join(reverseBlocks) : null, dim },
  };
}
