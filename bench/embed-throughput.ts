/**
 * Embedding throughput, three ways over the same sequences and model:
 *   pipeline  the real embedding job (read, tokenize, bucket, run, store in LanceDB + checkpoint in SQLite)
 *   bare      a bare onnxruntime loop over exactly the batches the pipeline plans (inputs prepared beforehand)
 *   naive     every sequence padded (or cut) to 1,000 tokens, batch 8, fp32
 * for the bundled dna-kmer model on the 16S training set, and for a random-weight ESM-shaped model of
 * Nucleotide-Transformer-50M size (built here) on 48 of those 16S sequences and on 192 18S-V4 amplicons.
 */
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { Engine } from '../main/api/engine.ts';
import { readSequences } from '../main/io/read-sequences.ts';
import type { ModelBundle } from '../main/models/bundle-registry.ts';
import { createTokenizer } from '../main/models/tokenizers/tokenizer-factory.ts';
import { encodeBatch } from '../main/models/encode-batch.ts';
import { planBatches } from '../main/embed/batch-planner.ts';
import { SequenceEmbedder } from '../main/embed/sequence-embedder.ts';
import { buildEsmLikeGraph } from '../native/graphs/esm-like-transformer.ts';
import { refdataDir, timed } from './bench-env.ts';

interface Rates {
  sequences: number;
  tokens: number;
  seconds: number;
  sequencesPerSecond: number;
  tokensPerSecond: number;
}

const rates = (sequences: number, tokens: number, seconds: number): Rates => ({
  sequences, tokens, seconds: Number(seconds.toFixed(2)), sequencesPerSecond: Number((sequences / seconds).toFixed(1)), tokensPerSecond: Math.round(tokens / seconds),
});

async function readAll(path: string, limit = Infinity): Promise<{ id: string; sequence: string }[]> {
  const out: { id: string; sequence: string }[] = [];
  for await (const event of readSequences(path)) {
    if (event.kind === 'record') out.push({ id: event.record.id, sequence: event.record.sequence });
    if (out.length >= limit) break;
  }
  return out;
}

async function writeFasta(path: string, records: { id: string; sequence: string }[]): Promise<void> {
  await writeFile(path, records.map((r) => `>${r.id}\n${r.sequence}\n`).join(''));
}

async function session(bundle: ModelBundle): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(bundle.modelPath, { executionProviders: ['cpu'], graphOptimizationLevel: 'all' });
}

/** The bare loop and the naive loop share this: run prepared batches, count content tokens. */
async function runBatches(s: ort.InferenceSession, batches: { ids: BigInt64Array; mask: BigInt64Array; rows: number; tokens: number }[], output: string): Promise<number> {
  const start = performance.now();
  for (const b of batches) {
    await s.run({ input_ids: new ort.Tensor('int64', b.ids, [b.rows, b.tokens]), attention_mask: new ort.Tensor('int64', b.mask, [b.rows, b.tokens]) }, [output]);
  }
  return (performance.now() - start) / 1000;
}

async function measure(bundle: ModelBundle, engine: Engine, records: { id: string; sequence: string }[], workDir: string, label: string) {
  const tokenizer = await createTokenizer(bundle);
  const s = await session(bundle);
  const embedder = new SequenceEmbedder(bundle, tokenizer, s, [bundle.manifest.layers[0]!]);
  const output = bundle.manifest.layers[0]!.output;
  const tokenized = records.map((r) => embedder.tokenize(r.sequence));
  const tokens = tokenized.reduce((sum, t) => sum + t.contentTokens, 0);

  // bare: the pipeline's own batches (one window, as the job plans for up to 4,096 records)
  const limits = { tokenBudget: bundle.manifest.batch?.tokenBudget ?? 65_536, maxBatchSize: bundle.manifest.batch?.maxBatchSize ?? 256 };
  const planned = planBatches(tokenized.map((t) => embedder.planItem(t)), limits).map((members) => {
    const encoded = encodeBatch(members.flatMap((m) => tokenized[m]!.chunks), tokenizer);
    return { ids: encoded.inputIds, mask: encoded.attentionMask, rows: encoded.batch, tokens: encoded.tokens };
  });
  await runBatches(s, planned.slice(0, 1), output); // warm-up
  const bare = rates(records.length, tokens, await runBatches(s, planned, output));

  // naive: pad or cut to 1,000 tokens, batch 8
  const naiveBatches = [];
  for (let i = 0; i < tokenized.length; i += 8) {
    const rows = tokenized.slice(i, i + 8).map((t) => t.chunks[0]!.subarray(0, 1000 - tokenizer.prefix.length - tokenizer.suffix.length));
    const encoded = encodeBatch(rows, tokenizer);
    const ids = new BigInt64Array(rows.length * 1000).fill(BigInt(tokenizer.padId));
    const mask = new BigInt64Array(rows.length * 1000);
    for (let r = 0; r < rows.length; r += 1) {
      ids.set(encoded.inputIds.subarray(r * encoded.tokens, (r + 1) * encoded.tokens), r * 1000);
      mask.set(encoded.attentionMask.subarray(r * encoded.tokens, (r + 1) * encoded.tokens), r * 1000);
    }
    naiveBatches.push({ ids, mask, rows: rows.length, tokens: 1000 });
  }
  const naive = rates(records.length, tokens, await runBatches(s, naiveBatches, output));
  await s.release();

  // pipeline: the real job from a FASTA file into a fresh store
  const input = join(workDir, `${label}.fasta`);
  await writeFasta(input, records);
  const { value: result, seconds } = await timed(() => engine.embed({ input, model: bundle.manifest.id, store: join(workDir, `${label}-store`), device: 'cpu' }));
  const pipeline = rates(result.embedded, tokens, seconds);
  return {
    model: bundle.manifest.id, pipeline, bare, naive,
    speedupOverNaive: Number((pipeline.sequencesPerSecond / naive.sequencesPerSecond).toFixed(2)),
    pipelineShareOfBare: Number((pipeline.sequencesPerSecond / bare.sequencesPerSecond).toFixed(3)),
    batches: planned.length,
  };
}

export async function benchEmbedThroughput(): Promise<Record<string, unknown>> {
  const work = await mkdtemp(join(tmpdir(), 'seqatlas-bench-embed-'));
  try {
    const gold = await readAll(join(refdataDir(), '16s', 'gold.train.fasta'));
    const models = join(work, 'models');
    const ntDir = join(models, 'nt50m-random');
    await mkdir(ntDir, { recursive: true });
    const { seconds: buildSeconds } = await timed(async () => {
      await writeFile(join(ntDir, 'model.onnx'), buildEsmLikeGraph({ vocabSize: 4107, hidden: 512, layers: 12, heads: 16, intermediate: 2048, maxPositions: 1002, padTokenId: 1, seed: 1 }));
    });
    await writeFile(join(ntDir, 'bundle.json'), JSON.stringify({
      id: 'nt50m-random', name: 'random-weight ESM-shaped model of Nucleotide Transformer 50M size', version: '0.0.0', alphabet: 'dna',
      tokenizer: { kind: 'nt6' }, maxTokens: 1000, dim: 512, layers: [{ id: 12, output: 'last_hidden_state' }], pooling: 'mean',
      batch: { tokenBudget: 8192, maxBatchSize: 64 }, license: 'none (random weights)', provenance: { source: 'bench/embed-throughput.ts' },
    }));
    const engine = new Engine({ modelDirs: [models] });
    const kmer = await measure(await engine.findModel('dna-kmer'), engine, gold, work, 'kmer');
    const nt = await measure(await engine.findModel('nt50m-random'), engine, gold.slice(0, 48), work, 'nt');
    // The same model on what eDNA surveys mostly sequence: short amplicons (18S-V4, ~380 bp).
    const amplicons = await readAll(join(refdataDir(), '18s', 'BioMarKs50k.fsa.gz'), 192);
    const ntAmplicons = await measure(await engine.findModel('nt50m-random'), engine, amplicons, work, 'nt18s');
    return { dnaKmer: kmer, nt50mRandom16s: { ...nt, graphBuildSeconds: Number(buildSeconds.toFixed(1)) }, nt50mRandom18sV4: ntAmplicons };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
