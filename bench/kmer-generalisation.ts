/**
 * Does the fitted dna-kmer embedder serve a marker it was not fitted on? The 16S gold split (train → test, genus by
 * 1-nearest-neighbour, cosine) scored for: the plain unfitted 6-mer profile (4,096-D), the bundled dna-kmer (fitted on
 * 16S + 18S, run through its real ONNX graph), and the same recipe fitted on 18S-V4 amplicons only, so 16S is a
 * marker it never saw.
 */
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { Engine } from '../main/api/engine.ts';
import { readSequences } from '../main/io/read-sequences.ts';
import { createTokenizer } from '../main/models/tokenizers/tokenizer-factory.ts';
import { SequenceEmbedder } from '../main/embed/sequence-embedder.ts';
import { planBatches } from '../main/embed/batch-planner.ts';
import { fitKmerEmbedder } from '../native/fit/fit-kmer-embedder.ts';
import { countKmers, kmerLookup } from '../native/fit/kmer-profiles.ts';
import { createOrtMatMul } from '../native/runtime/ort-matmul.ts';
import { gatherTrainingSequences } from '../native/graphs/build-bundled-models.ts';
import { bundledModelSpecs } from '../native/graphs/bundled-model-specs.ts';
import { l2NormalizeRows } from '../main/embed/pooling.ts';
import { refdataDir } from './bench-env.ts';

interface Labelled {
  id: string;
  sequence: string;
  genus: string;
}

async function readLabelled(path: string, genusOf: (id: string, description: string) => string): Promise<Labelled[]> {
  const out: Labelled[] = [];
  for await (const event of readSequences(path)) {
    if (event.kind !== 'record') continue;
    out.push({ id: event.record.id, sequence: event.record.sequence, genus: genusOf(event.record.id, event.record.description) });
  }
  return out;
}

const lastRank = (lineage: string) => (lineage.split(';').map((s) => s.trim()).filter(Boolean).pop() ?? '');

function profiles(records: Labelled[], k: number): Float32Array {
  const vocab = 4 ** k;
  const lookup = kmerLookup('ACGT');
  const out = new Float32Array(records.length * vocab);
  records.forEach((r, i) => countKmers(r.sequence, k, lookup, 4, out.subarray(i * vocab, (i + 1) * vocab)));
  l2NormalizeRows(out, vocab);
  return out;
}

async function oneNnAccuracy(train: Float32Array, test: Float32Array, dim: number, trainSet: Labelled[], testSet: Labelled[], matmul: Awaited<ReturnType<typeof createOrtMatMul>>['matmul']): Promise<number> {
  // scores = test · trainᵀ: transpose the training matrix once so the product is one plain MatMul.
  const t = new Float32Array(train.length);
  for (let r = 0; r < trainSet.length; r += 1) for (let d = 0; d < dim; d += 1) t[d * trainSet.length + r] = train[r * dim + d]!;
  const scores = await matmul(test, testSet.length, dim, t, trainSet.length);
  let right = 0;
  for (let q = 0; q < testSet.length; q += 1) {
    let best = -Infinity;
    let bestIndex = 0;
    for (let r = 0; r < trainSet.length; r += 1) {
      const s = scores[q * trainSet.length + r]!;
      if (s > best) {
        best = s;
        bestIndex = r;
      }
    }
    if (trainSet[bestIndex]!.genus === testSet[q]!.genus) right += 1;
  }
  return right / testSet.length;
}

async function embedWithBundle(engine: Engine, id: string, records: Labelled[]): Promise<Float32Array> {
  const bundle = await engine.findModel(id);
  const session = await ort.InferenceSession.create(bundle.modelPath);
  const embedder = new SequenceEmbedder(bundle, await createTokenizer(bundle), session, [bundle.manifest.layers[0]!]);
  const tokenized = records.map((r) => embedder.tokenize(r.sequence));
  const out = new Float32Array(records.length * bundle.manifest.dim);
  for (const members of planBatches(tokenized.map((t) => embedder.planItem(t)), { tokenBudget: 262_144, maxBatchSize: 256 })) {
    const [vectors] = await embedder.embed(members.map((m) => tokenized[m]!));
    members.forEach((m, i) => out.set(vectors!.subarray(i * bundle.manifest.dim, (i + 1) * bundle.manifest.dim), m * bundle.manifest.dim));
  }
  await session.release();
  return out;
}

export async function benchKmerGeneralisation(): Promise<Record<string, unknown>> {
  const refdata = refdataDir();
  const train = await readLabelled(join(refdata, '16s', 'gold.train.fasta'), (_id, description) => lastRank(description.split('\t').pop() ?? ''));
  const truth = new Map<string, string>();
  const { readFile } = await import('node:fs/promises');
  for (const line of (await readFile(join(refdata, '16s', 'gold.test.truth.tsv'), 'utf8')).split('\n')) {
    const [id, lineage] = line.split('\t');
    if (id && lineage) truth.set(id, lastRank(lineage));
  }
  const test = await readLabelled(join(refdata, '16s', 'gold.test.fasta'), (id) => truth.get(id) ?? '');
  const { matmul, release } = await createOrtMatMul();
  try {
    const plain = await oneNnAccuracy(profiles(train, 6), profiles(test, 6), 4096, train, test, matmul);
    const engine = new Engine();
    const bundled = await oneNnAccuracy(await embedWithBundle(engine, 'dna-kmer', train), await embedWithBundle(engine, 'dna-kmer', test), 512, train, test, matmul);
    const spec = bundledModelSpecs.find((s) => s.id === 'dna-kmer')!;
    const only18s = { ...spec, training: spec.training.filter((t) => t.file.startsWith('18s/')) };
    const fit = await fitKmerEmbedder(await gatherTrainingSequences(only18s, refdata), { alphabet: 'ACGT', k: 6, dim: 512 }, matmul);
    const project = async (records: Labelled[]) => {
      const counts = profiles(records, 6);
      const projected = await matmul(counts, records.length, 4096, fit.table, 512);
      l2NormalizeRows(projected, 512);
      return projected;
    };
    const fitted18s = await oneNnAccuracy(await project(train), await project(test), 512, train, test, matmul);
    return { queries: test.length, references: train.length, genus1nnAccuracy: { plain6merProfile: plain, dnaKmerBundled: bundled, fittedOn18sOnly: fitted18s } };
  } finally {
    await release();
  }
}
