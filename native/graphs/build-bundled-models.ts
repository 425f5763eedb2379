/**
 * Rebuilds the bundled k-mer embedders in resources/models/ from real reference data:
 *   node bin/run-ts.js native/graphs/build-bundled-models.ts [REFDATA]     (npm run build:models)
 * REFDATA is the folder made by ../shared/refdata/fetch.sh (default: ../refdata beside the repository,
 * or $SEQATLAS_REFDATA). Deterministic for the same data: fixed subsample seed, fixed iteration counts.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { readSequences } from '../../main/io/read-sequences.ts';
import { APP_ROOT } from '../../main/shared/app-paths.ts';
import { fitKmerEmbedder } from '../fit/fit-kmer-embedder.ts';
import { createOrtMatMul } from '../runtime/ort-matmul.ts';
import { buildKmerEmbedderGraph } from './kmer-embedder.ts';
import { bundledModelSpecs, type BundledModelSpec } from './bundled-model-specs.ts';

export async function readFastaSequences(path: string, limit = Infinity): Promise<string[]> {
  const out: string[] = [];
  for await (const event of readSequences(path)) {
    if (event.kind === 'record') out.push(event.record.sequence);
    if (out.length >= limit) break;
  }
  return out;
}

/** A fixed-seed subsample (Fisher–Yates prefix), so rebuilding gives the same bundle. */
export function subsample<T>(items: T[], count: number, seed: number): T[] {
  const copy = items.slice();
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const n = Math.min(count, copy.length);
  for (let i = 0; i < n; i += 1) {
    const j = i + Math.floor(next() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
}

export async function gatherTrainingSequences(spec: BundledModelSpec, refdata: string): Promise<string[]> {
  const sequences: string[] = [];
  for (const source of spec.training) {
    const all = await readFastaSequences(join(refdata, source.file));
    sequences.push(...(source.sample ? subsample(all, source.sample, 20261122) : all));
  }
  return sequences;
}

async function buildBundle(spec: BundledModelSpec, refdata: string): Promise<void> {
  const started = performance.now();
  const sequences = await gatherTrainingSequences(spec, refdata);
  const { matmul, release } = await createOrtMatMul();
  try {
    const fit = await fitKmerEmbedder(sequences, { alphabet: spec.letters, k: spec.k, dim: spec.dim, projection: spec.projection }, matmul, (step) => console.log(`${spec.id}: ${step}`));
    const model = buildKmerEmbedderGraph({
      vocabSize: fit.vocab, dim: fit.dim, weights: fit.table, weightsDtype: 'float16',
      metadata: { 'seqatlas.bundle': spec.id, 'seqatlas.version': spec.version, 'seqatlas.method': spec.method },
    });
    const dir = join(APP_ROOT, 'resources', 'models', spec.id);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'model.onnx'), model);
    const manifest = {
      id: spec.id, name: spec.name, version: spec.version, alphabet: spec.alphabet,
      tokenizer: { kind: 'kmer', k: spec.k }, maxTokens: 1_000_000, dim: spec.dim,
      layers: [{ id: 0, output: 'embedding' }], pooling: 'none',
      // The k-mer graph costs batch × vocab memory, not batch × tokens × dim, so batches can be large; fewer, larger
      // batches mean fewer LanceDB commits, the main cost of embedding with so cheap a model.
      batch: { tokenBudget: 1_048_576, maxBatchSize: 1024 },
      license: 'MIT (weights derived from the data named in provenance, under their licences)',
      provenance: {
        source: 'fitted by SeqAtlas', method: spec.method,
        data: spec.training.map((t) => `${t.file}${t.sample ? ` (fixed-seed sample of ${t.sample})` : ''}: ${t.origin}`).join('; '),
        script: 'native/graphs/build-bundled-models.ts (npm run build:models)',
        created: new Date().toISOString().slice(0, 10),
        sha256: createHash('sha256').update(model).digest('hex'),
        sequences: String(fit.sequences),
      },
    };
    await writeFile(join(dir, 'bundle.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    console.log(`${spec.id}: ${fit.sequences} sequences, ${fit.kmers} k-mers, ${(model.length / 1e6).toFixed(1)} MB, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await release();
  }
}

const isMain = process.argv[1] && resolve(process.argv[1]).endsWith('build-bundled-models.ts');
if (isMain) {
  const refdata = resolve(process.argv[2] ?? process.env.SEQATLAS_REFDATA ?? join(APP_ROOT, '..', 'refdata'));
  const only = process.argv.slice(3);
  for (const spec of bundledModelSpecs) if (only.length === 0 || only.includes(spec.id)) await buildBundle(spec, refdata);
}
