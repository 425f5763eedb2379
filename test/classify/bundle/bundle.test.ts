import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../../main/api/engine.ts';
import type { ClassifyRequest } from '../../../main/classify/classify-request.ts';
import { ClassifierManifest, LabelsFile } from '../../../main/classify/bundle/bundle-manifest.ts';
import { buildHeadGraph } from '../../../main/classify/bundle/head-graph.ts';
import type { TrainResult } from '../../../main/classify/bundle/train-request.ts';
import { readAssignments } from '../../../main/export/assignments-tsv.ts';
import { readLineageFile } from '../../../main/export/lineage-file.ts';
import { readSequences } from '../../../main/io/read-sequences.ts';
import { withReadErrors } from '../../../main/classify/read-errors.ts';
import { mulberry32 } from '../../../native/onnx/seeded-random.ts';
import { expectEngineError } from '../../helpers/engine-errors.ts';
import { writeMixedStrands } from '../../helpers/mixed-strands.ts';
import { useTempDirs } from '../../helpers/temp-dir.ts';

const FIXTURES = resolve('test/fixtures/classify');
const READS = join(FIXTURES, 'reads.fasta.gz');
const tempDir = useTempDirs();
const engine = new Engine();
let store: string;
let bundle: string;
let trained: TrainResult;
let truth: Map<string, string[]>;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'seqatlas-bundle-'));
  store = join(dir, 'store');
  bundle = join(dir, 'bundle');
  await engine.buildReference({ input: join(FIXTURES, 'reference.fasta.gz'), name: 'gold5', model: 'dna-kmer', store });
  // Few epochs keep the test quick; the bench trains to convergence.
  trained = await engine.train({ reference: 'gold5', store, out: bundle, epochs: 40, seed: 3 });
  truth = await readLineageFile(join(FIXTURES, 'reads.truth.tsv'));
});

async function classify(request: Partial<ClassifyRequest> = {}) {
  const out = join(await tempDir(), 'out');
  const result = await engine.classify({ input: READS, bundle, store, out, ...request });
  return { out, result, classification: await readAssignments(join(out, 'assignments.tsv')) };
}

/** A copy of the trained bundle with bundle.json (or another file) edited. */
async function alteredBundle(edit: (manifest: Record<string, any>) => void, file = 'bundle.json'): Promise<string> {
  const copy = join(await tempDir(), 'bundle');
  await cp(bundle, copy, { recursive: true });
  const json = JSON.parse(await readFile(join(copy, file), 'utf8'));
  edit(json);
  await writeFile(join(copy, file), JSON.stringify(json));
  return copy;
}

describe('train', () => {
  it('writes a bundle folder: manifest, labels with lineages, an ONNX head and a held-out evaluation', async () => {
    const manifest = ClassifierManifest.parse(JSON.parse(await readFile(join(bundle, 'bundle.json'), 'utf8')));
    expect(manifest.embedder).toEqual({ model: 'dna-kmer', version: '1.0.0', layer: 0, dim: 512, alphabet: 'dna' });
    expect(manifest.ranks.map((r) => r.rank)).toEqual(['domain', 'phylum', 'class', 'order', 'family', 'genus']);
    expect(manifest.ranks.every((r) => r.minConfidence === 0.5 && r.temperature > 0)).toBe(true);
    expect(manifest.provenance).toMatchObject({ reference: 'gold5', records: 403, training: { holdout: 0.2, seed: 3, epochs: 40 } });
    expect(manifest.noveltyDistance).toBeGreaterThan(0);
    const labels = LabelsFile.parse(JSON.parse(await readFile(join(bundle, 'labels.json'), 'utf8')));
    const genera = labels.ranks[5]!.classes;
    expect(genera.length).toBe(manifest.ranks[5]!.classes);
    expect(genera.find((g) => g.name === 'Escherichia')?.lineage).toBe('Bacteria; Proteobacteria; Gammaproteobacteria; Enterobacteriales; Enterobacteriaceae; Escherichia');
    expect(labels.ranks[4]!.classes[genera.find((g) => g.name === 'Escherichia')!.parent]!.name).toBe('Enterobacteriaceae');

    const evaluation = JSON.parse(await readFile(join(bundle, 'evaluation.json'), 'utf8'));
    expect(evaluation.heldOutRecords + evaluation.trainingRecords).toBe(403);
    expect(evaluation.heldOutRecords).toBe(trained.heldOut);
    for (const rank of evaluation.ranks) {
      for (const key of ['accuracy', 'precision', 'recall', 'f1', 'ece']) expect(rank[key]).toBeGreaterThanOrEqual(0);
      expect(rank.precision).toBeLessThanOrEqual(1);
    }
    // Five families, each with many members: the held-out family calls are all right.
    expect(evaluation.ranks[4].accuracy).toBe(1);
    expect(evaluation.ranks[5].precision).toBeGreaterThan(0.8);
  });
});

describe('classify --bundle', () => {
  it('assigns every read top-down from the head alone, with confidences that never rise down the ranks', async () => {
    const { result, classification } = await classify();
    expect(classification.ranks).toEqual(['domain', 'phylum', 'class', 'order', 'family', 'genus']);
    expect(result).toMatchObject({ reads: 25, reference: 'gold5', model: 'dna-kmer', layer: 0, minConfidence: { genus: 0.5 }, bundle: { dir: bundle } });
    expect(result.fitted).toBeUndefined();
    for (const read of classification.reads) {
      read.calls.forEach((call, r) => {
        if (r > 0) expect(call.confidence).toBeLessThanOrEqual(read.calls[r - 1]!.confidence);
      });
      expect(read.assignedRanks).toBe(read.calls.filter((c) => c.confidence >= 0.5).length);
      expect(read.calls.slice(0, 5).map((c) => c.name)).toEqual(truth.get(read.queryId)!.slice(0, 5));
      // No reference travels with a bundle: the distance is to the nearest genus centroid.
      expect(read.bestHit).toBeNull();
      expect(read.bestDistance).toBeGreaterThanOrEqual(0);
    }
    const copy = classification.reads.find((read) => read.queryId.startsWith('copy-of-'))!;
    expect(copy.calls.map((c) => c.name)).toEqual(truth.get(copy.queryId));
    expect(copy).toMatchObject({ sample: 'siteA', abundance: 5, novel: false });
  });

  it('takes each read from the strand nearer to the head\'s centroids', async () => {
    const mixed = join(await tempDir(), 'mixed.fasta');
    const reversed = await writeMixedStrands(READS, mixed);
    const written = await classify({ input: mixed });
    const asSequenced = await classify();
    expect(written.result.reverseStrand).toBe(reversed.length);
    const calls = (reads: typeof written.classification.reads) => reads.map((read) => [read.queryId, read.calls, read.bestDistance]);
    expect(calls(written.classification.reads)).toEqual(calls(asSequenced.classification.reads));
  });

  it('warns that noisy reads (by their stated error rate) are better classified against the reference than with a bundle', async () => {
    const noisy = await classify({ overrides: { calibration: { read_error_rate: 0.05 } } });
    expect(noisy.result.warnings).toContainEqual(expect.stringMatching(/^the reads have about 5\.0% sequencing errors, and bundle \S+ was calibrated on clean references: .*seqatlas train --read-error-rate 0\.05\) or classify against its reference set \(gold5\)/));
    expect((await classify()).result.warnings.filter((warning) => warning.includes('sequencing errors'))).toEqual([]);
  });

  it('trains a bundle for noisy reads on noisy copies of the references, which names more of such reads, as rightly as its confidence says', async () => {
    const dir = await tempDir();
    const noisyBundle = join(dir, 'noisy-bundle');
    const trainedNoisy = await engine.train({ reference: 'gold5', store, out: noisyBundle, epochs: 40, seed: 3, readErrorRate: 0.1 });
    expect(JSON.parse(await readFile(join(noisyBundle, 'bundle.json'), 'utf8')).provenance.training.readErrorRate).toBe(0.1);
    expect(trainedNoisy.noveltyDistance).toBeGreaterThan(trained.noveltyDistance);
    // Four copies of each read with 10% errors, as FASTQ whose Q10 qualities say so.
    const random = mulberry32(8);
    const reads: { id: string; sequence: string }[] = [];
    for await (const event of readSequences(READS)) if (event.kind === 'record') reads.push(event.record);
    const noisy = reads.flatMap(({ id, sequence }) => Array.from({ length: 4 }, (_, copy) => ({ id: `${id}-${copy}`, truthId: id, sequence: withReadErrors(sequence, 0.1, random) })));
    const fastq = join(dir, 'minion.fastq');
    await writeFile(fastq, noisy.map((r) => `@${r.id}\n${r.sequence}\n+\n${'+'.repeat(r.sequence.length)}\n`).join(''));
    // The reads of the truth (the reference's own copy is left out of the scores).
    const truthOf = new Map(noisy.filter((r) => truth.has(r.truthId)).map((r) => [r.id, truth.get(r.truthId)!]));
    const withBundle = async (bundleDir: string) => {
      const out = join(dir, `run-${bundleDir.split(/[\\/]/).at(-1)}`);
      const result = await engine.classify({ input: fastq, bundle: bundleDir, store, out });
      const named = (await readAssignments(join(out, 'assignments.tsv'))).reads.filter((read) => read.assignedRanks === 6 && truthOf.has(read.queryId));
      return { result, named: named.length, expected: named.reduce((sum, read) => sum + read.calls[5]!.confidence, 0), right: named.filter((read) => read.calls[5]!.name === truthOf.get(read.queryId)![5]).length };
    };
    const clean = await withBundle(bundle);
    const matched = await withBundle(noisyBundle);
    expect(clean.result.warnings).toContainEqual(expect.stringMatching(/calibrated on clean references/));
    expect(matched.result.warnings.filter((warning) => warning.includes('sequencing errors'))).toEqual([]);
    // The clean bundle flags every noisy read novel (its novelty distance is that of clean vectors); the noisy one
    // names more genera, as many of them right as their confidences add up to (63 against 63.2 here), within a tenth.
    expect(clean.result.novel).toBe(100);
    expect(matched.result.novel).toBeLessThan(10);
    expect(matched.named).toBeGreaterThan(clean.named);
    expect(Math.abs(matched.right - matched.expected)).toBeLessThan(0.1 * matched.named);
  });

  it('lets --min-confidence override the bundle thresholds, and says so in the echoed config', async () => {
    const all = await classify({ overrides: { min_confidence: 0 } });
    expect(all.classification.reads.every((read) => read.assignedRanks === 6)).toBe(true);
    expect(await readFile(join(all.out, 'experiment_config.yaml'), 'utf8')).toMatch(/min_confidence: 0\n/);
    const own = await classify();
    expect(await readFile(join(own.out, 'experiment_config.yaml'), 'utf8')).not.toMatch(/min_confidence/);
    // Per rank: the named rank takes its threshold, the others keep the bundle's own.
    const strictGenus = await classify({ overrides: { min_confidence: { genus: 1 } } });
    expect(strictGenus.result.minConfidence).toEqual({ domain: 0.5, phylum: 0.5, class: 0.5, order: 0.5, family: 0.5, genus: 1 });
    expect(strictGenus.classification.reads.every((read) => read.assignedRanks <= 5)).toBe(true);
    expect(strictGenus.result.assigned.family).toBe(own.result.assigned.family);
  });
});

describe('classify --bundle: bad input', () => {
  it('wants exactly one of reference and bundle', async () => {
    await expectEngineError(classify({ reference: 'gold5' }), 'bad_request', /field "reference": give either reference or bundle/);
    await expectEngineError(classify({ bundle: undefined }), 'bad_request', /field "reference": give either reference or bundle/);
  });

  it('names the file and field of a missing, garbled or inconsistent bundle', async () => {
    const empty = await tempDir();
    await expectEngineError(classify({ bundle: empty }), 'invalid_bundle', /bundle\.json is missing: not a classifier bundle/);
    const garbled = await alteredBundle(() => undefined);
    await writeFile(join(garbled, 'bundle.json'), '{"format": "seqatlas-classifier", ');
    await expectEngineError(classify({ bundle: garbled }), 'invalid_bundle', /bundle\.json: not valid JSON/);
    await expectEngineError(classify({ bundle: await alteredBundle((m) => { m.embedder.version = 3; }) }), 'invalid_bundle', /bundle\.json field "embedder\.version": /);
    await expectEngineError(classify({ bundle: await alteredBundle((m) => { m.extra = 1; }) }), 'invalid_bundle', /bundle\.json field "extra": unknown key/);
    await expectEngineError(classify({ bundle: await alteredBundle((l) => { l.ranks[5].classes.pop(); }, 'labels.json') }), 'invalid_bundle', /labels\.json field "ranks\.5\.classes": \d+ classes, bundle\.json has \d+/);
    // A head.onnx from a bundle of another (4-dim) embedder, copied over this one's.
    const swapped = await alteredBundle(() => undefined);
    const labels = LabelsFile.parse(JSON.parse(await readFile(join(bundle, 'labels.json'), 'utf8')));
    const foreign = buildHeadGraph({
      dim: 4,
      ranks: labels.ranks.map((rank) => ({ head: { dim: 4, classes: rank.classes.length, weights: new Float32Array(4 * rank.classes.length), bias: new Float32Array(rank.classes.length) }, temperature: 1 })),
      centroids: new Float32Array(4).fill(0.5),
      metadata: {},
    });
    await writeFile(join(swapped, 'head.onnx'), foreign);
    await expectEngineError(classify({ bundle: swapped }), 'invalid_bundle', /head\.onnx does not take the 512-dim embeddings bundle\.json names/);
    const headless = await alteredBundle(() => undefined);
    await rm(join(headless, 'head.onnx'));
    await expectEngineError(classify({ bundle: headless }), 'invalid_bundle', /head\.onnx is missing/);
  });

  it('refuses a bundle whose embedder is missing, of another version or of another alphabet, before embedding', async () => {
    const before = await engine.storeInfo(store);
    await expectEngineError(classify({ bundle: await alteredBundle((m) => { m.embedder.model = 'no-such-model'; }) }), 'unknown_model', /needs embedder "no-such-model" 1\.0\.0, which is not installed/);
    await expectEngineError(classify({ bundle: await alteredBundle((m) => { m.embedder.version = '2.0.0'; }) }), 'model_changed', /trained on dna-kmer 2\.0\.0 embeddings but dna-kmer 1\.0\.0 is installed/);
    // A bundle.json naming a protein embedder of the DNA model's id cannot pass for it.
    await expectEngineError(classify({ bundle: await alteredBundle((m) => { m.embedder.alphabet = 'protein'; }) }), 'invalid_bundle', /expects 512-dim layer 0 protein embeddings of dna-kmer, which gives 512-dim dna layers 0/);
    await expectEngineError(classify({ overrides: { model: 'protein-kmer' } }), 'bad_request', /differ from the bundle's embedder dna-kmer layer 0/);
    const protein = join(await tempDir(), 'protein.fasta');
    await writeFile(protein, '>p1\nMKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQAPILSRVGDGTQDNLSGAEKAVQVKVKALPDAQFEVVHSLAKWKRQTLGQHDFSAGEGLYTHMKALRPDEDRLSPLHSVYVDQWDWERVMGDGERQFSTLKSTVEAIWAGIKATEAAVSEEFGLAPFLPDQIHFVHSQELLSRYPDLDAKGRERAIAKDLGAVFLVGIGGKLSDGHRHDVRAPDYDDW\n');
    await expectEngineError(classify({ input: protein }), 'wrong_alphabet', /protein\.fasta holds protein sequences but bundle \S+ is dna/);
    expect((await engine.storeInfo(store)).datasets).toEqual(before.datasets);
  });

  it('will not train on a model the reference was not embedded with', async () => {
    await expectEngineError(engine.train({ reference: 'gold5', store, out: join(await tempDir(), 'b'), model: 'protein-kmer' }), 'reference_mismatch', /reference "gold5" has no embeddings of protein-kmer \(it has: dna-kmer layer 0\)/);
  });
});
