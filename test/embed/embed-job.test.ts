import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../main/api/engine.ts';
import type { JobEvent } from '../../main/api/job-events.ts';
import { Store } from '../../main/store/store.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { seededFloats, writeKmerTestBundle } from '../helpers/test-bundles.ts';
import { maxAbsDiff, readTable, readVectors } from '../helpers/store-readers.ts';
import { buildKmerEmbedderGraph } from '../../native/graphs/kmer-embedder.ts';

const tempDir = useTempDirs();
const MIXED = resolve('test/fixtures/embed/mixed-16s.fasta');

async function setup() {
  const root = await tempDir();
  const models = join(root, 'models');
  await writeKmerTestBundle(models, { id: 'test-kmer', k: 4, dim: 16, seed: 7 });
  return { root, models, store: join(root, 'store'), engine: new Engine({ modelDirs: [models] }) };
}

/** The k-mer embedder's definition, computed in plain JavaScript: mean of table rows of valid 4-mers, L2-normalised. */
function referenceKmerEmbedding(sequence: string, k: number, dim: number, table: Float32Array): Float32Array {
  const code: Record<string, number> = { A: 0, C: 1, G: 2, T: 3 };
  const sum = new Float64Array(dim);
  let n = 0;
  for (let i = 0; i + k <= sequence.length; i += 1) {
    let id = 0;
    let ok = true;
    for (let j = 0; j < k; j += 1) {
      const c = code[sequence[i + j]!];
      if (c === undefined) ok = false;
      else id = id * 4 + c;
    }
    if (!ok) continue;
    n += 1;
    for (let d = 0; d < dim; d += 1) sum[d]! += table[id * dim + d]!;
  }
  const mean = Float32Array.from(sum, (s) => s / n);
  const norm = Math.hypot(...mean);
  return mean.map((v) => v / norm);
}

describe('embedding job', () => {
  it('stores every accepted record once with its vector, reports the rejected ones, and writes the run record', async () => {
    const { engine, store } = await setup();
    const events: JobEvent[] = [];
    const result = await engine.embed({ input: MIXED, model: 'test-kmer', store, device: 'cpu' }, { emit: (e) => events.push(e) });
    expect(result).toMatchObject({ read: 103, accepted: 100, rejected: 3, embedded: 100, provider: 'cpu', alreadyDone: false, tables: ['emb_test_kmer_l0'] });
    expect(events.some((e) => e.type === 'progress' && e.stage === 'embed')).toBe(true);

    const vectors = await readVectors(store, 'emb_test_kmer_l0');
    const sequences = await readTable(store, 'sequences');
    expect(vectors.size).toBe(100);
    expect(sequences).toHaveLength(100);
    const table = seededFloats(256 * 16, 7);
    for (const row of sequences.slice(0, 5)) {
      const expected = referenceKmerEmbedding(row.sequence as string, 4, 16, table);
      const actual = vectors.get(row.seq_id as string)!;
      for (let d = 0; d < 16; d += 1) expect(actual[d]).toBeCloseTo(expected[d]!, 5);
    }

    const opened = await Store.open(store);
    const issues = opened.catalog.listIssues(result.datasetId);
    await opened.close();
    expect(issues.map((i) => [i.code, i.record])).toEqual([['empty_sequence', 12], ['illegal_characters', 43], ['duplicate_id', 74]]);
    expect(issues[1]!.message).toMatch(/mixed-16s\.fasta.*record 43.*line/);

    const run = JSON.parse(await readFile(join(result.runDir, 'run.json'), 'utf8'));
    expect(run).toMatchObject({ kind: 'embed', executionProvider: 'cpu', model: { id: 'test-kmer', version: '0.0.1' } });
    // Every library that shapes results is named with its version (LanceDB's exports hide its package.json).
    for (const library of ['onnxruntime-node', '@lancedb/lancedb', 'better-sqlite3']) expect(run.versions[library]).toMatch(/^\d+\.\d+\.\d+/);
    expect(await readFile(join(result.runDir, 'experiment_config.yaml'), 'utf8')).toMatch(/model: test-kmer/);
  });

  it('does nothing the second time, and a second model adds vectors without duplicating sequences', async () => {
    const { engine, store, models } = await setup();
    const first = await engine.embed({ input: MIXED, model: 'test-kmer', store, device: 'cpu' });
    const again = await engine.embed({ input: MIXED, model: 'test-kmer', store, device: 'cpu' });
    expect(again).toMatchObject({ alreadyDone: true, datasetId: first.datasetId, accepted: 100 });
    await writeKmerTestBundle(models, { id: 'other-kmer', k: 3, dim: 8, seed: 3 });
    const second = await new Engine({ modelDirs: [models] }).embed({ input: MIXED, model: 'other-kmer', store, device: 'cpu' });
    expect(second.datasetId).toBe(first.datasetId);
    expect(await readTable(store, 'sequences')).toHaveLength(100);
    expect((await readVectors(store, 'emb_other_kmer_l0')).size).toBe(100);
    const info = await engine.storeInfo(store);
    expect(info.datasets[0]!.embeddings.map((e) => `${e.model}:${e.layer}:${e.count}x${e.dim}`)).toEqual(['other-kmer:0:100x8', 'test-kmer:0:100x16']);
  });

  it('stops cleanly when cancelled, keeps the import with its first job, and resumes', async () => {
    const { engine, store, models } = await setup();
    const controller = new AbortController();
    const control = { signal: controller.signal, waitIfPaused: async () => undefined };
    const stopped = engine.embed({ input: MIXED, model: 'test-kmer', store, device: 'cpu', batch: { maxBatchSize: 10 } }, {
      control,
      emit: (event) => {
        if (event.type === 'progress' && event.done >= 20) controller.abort();
      },
    });
    await expect(stopped).rejects.toMatchObject({ code: 'cancelled', message: expect.stringMatching(/run the same command again/) });
    await writeKmerTestBundle(models, { id: 'other-kmer', k: 3, dim: 8, seed: 3 });
    await expect(new Engine({ modelDirs: [models] }).embed({ input: MIXED, model: 'other-kmer', store, device: 'cpu' })).rejects.toMatchObject({
      code: 'import_unfinished',
      message: expect.stringContaining('--model test-kmer'),
    });
    // Resumed with other batch settings: the job keeps those it started with (its checkpoints count its batches), and says so.
    const warnings: string[] = [];
    const resumed = await engine.embed({ input: MIXED, model: 'test-kmer', store, device: 'cpu', batch: { maxBatchSize: 25 } }, {
      emit: (event) => event.type === 'warning' && warnings.push(event.message),
    });
    expect(warnings).toEqual([expect.stringMatching(/with the batch settings it started with \(\d+ tokens, 10 rows\); the new batch options are ignored$/)]);
    expect(resumed).toMatchObject({ accepted: 100, embedded: 100 });
    expect(resumed.resumedFromBatch).toBeGreaterThanOrEqual(1);
    expect(await readTable(store, 'sequences')).toHaveLength(100);
    await new Engine({ modelDirs: [models] }).embed({ input: MIXED, model: 'other-kmer', store, device: 'cpu' });
    expect((await readVectors(store, 'emb_other_kmer_l0')).size).toBe(100);
  });

  it('refuses protein input for a DNA model before touching the store', async () => {
    const { engine, store, root } = await setup();
    const proteins = join(root, 'p.fasta');
    await writeFile(proteins, '>p1\nMKVLHEEPQRSTWYFFGHLLKKMMEEDD\n>p2\nMSTNPKPQRKTKRNTNRRPQDVKFPGG\n');
    await expect(engine.embed({ input: proteins, model: 'test-kmer', store })).rejects.toMatchObject({ code: 'wrong_alphabet', message: expect.stringContaining('p.fasta') });
    await expect(Store.open(store)).rejects.toMatchObject({ code: 'store_missing' });
  });

  it('fails clearly when no record is accepted, and names unknown models and layers', async () => {
    const { engine, store, root } = await setup();
    const bad = join(root, 'bad.fasta');
    await writeFile(bad, '>a\n\n>b\nACGT!!ACGT\n');
    await expect(engine.embed({ input: bad, model: 'test-kmer', store })).rejects.toMatchObject({ code: 'no_records_accepted' });
    await expect(engine.embed({ input: MIXED, model: 'nope', store })).rejects.toMatchObject({ code: 'unknown_model', message: expect.stringContaining('test-kmer') });
    await expect(engine.embed({ input: MIXED, model: 'test-kmer', store, layers: [3] })).rejects.toMatchObject({ code: 'unknown_layer' });
  });

  it('refuses an aligned file naming the gap, and with removeGaps embeds it ungapped as its own dataset, same vectors as unaligned', async () => {
    const { engine, store, root } = await setup();
    const plain = join(root, 'plain.fasta');
    const aligned = join(root, 'aligned.fasta');
    await writeFile(plain, '>a\nACGTTGCAAGGCTTACG\n>b\nTTGACCAGTAGGCATTC\n');
    await writeFile(aligned, '>a\n..ACGT-TGCAA--GGCTTACG..\n>b\nTTGACC.AGTAGG-CATTC---\n');
    const refused = engine.embed({ input: aligned, model: 'test-kmer', store, device: 'cpu' });
    // The error quotes the first rejection, so the user learns why without opening the import report.
    await expect(refused).rejects.toMatchObject({ code: 'no_records_accepted', message: expect.stringMatching(/aligned\.fasta: record 1 \(line 1, id "a"\): illegal character '\.' at position 1 .*--remove-gaps/) });

    const stripped = await engine.embed({ input: aligned, model: 'test-kmer', store, device: 'cpu', removeGaps: true });
    expect(stripped).toMatchObject({ accepted: 2, rejected: 0, alreadyDone: false });
    const unaligned = await engine.embed({ input: plain, model: 'test-kmer', store, device: 'cpu' });
    expect(stripped.datasetId).not.toBe(unaligned.datasetId);
    const sequences = await readTable(store, 'sequences');
    const byDataset = (id: string) => sequences.filter((row) => row.dataset_id === id).map((row) => [row.seq_id, row.sequence]);
    expect(byDataset(stripped.datasetId)).toEqual(byDataset(unaligned.datasetId));
    const rows = await readTable(store, 'emb_test_kmer_l0');
    const vector = (dataset: string, id: string) => Float32Array.from((rows.find((row) => row.dataset_id === dataset && row.seq_id === id)!.vector as { toArray(): Float32Array }).toArray());
    for (const id of ['a', 'b']) expect(maxAbsDiff(vector(stripped.datasetId, id), vector(unaligned.datasetId, id))).toBe(0);
    // The refused plain reading stays what it was: asking again without removeGaps is refused again, not "done".
    await expect(engine.embed({ input: aligned, model: 'test-kmer', store, device: 'cpu' })).rejects.toMatchObject({ code: 'no_records_accepted' });
  });

  it('cuts records to a primer region as their own dataset, recording the reading, and rejects records without the sites', async () => {
    const { engine, store, root } = await setup();
    const input = join(root, 'amplicons.fasta');
    // Forward primer GTGCCAGCAGCCGCGGTAA, reverse GGACTACAAGGGTATCTAAT (its reverse complement on this strand).
    await writeFile(input, '>a\nTTTTGTGCCAGCAGCCGCGGTAAACGTTGCAAGGCTTACGATTAGATACCCTTGTAGTCCTTTT\n>b\nACGTTGCAAGGCTTACGACGTTGCAAGGCTTACG\n');
    const region = { forward: 'GTGYCAGCMGCCGCGGTAA', reverse: 'GGACTACNVGGGTWTCTAAT' };
    const cut = await engine.embed({ input, model: 'test-kmer', store, device: 'cpu', region });
    const whole = await engine.embed({ input, model: 'test-kmer', store, device: 'cpu' });
    expect(cut).toMatchObject({ read: 2, accepted: 1, rejected: 1 });
    expect(whole).toMatchObject({ accepted: 2 });
    expect(cut.datasetId).not.toBe(whole.datasetId);
    const sequences = await readTable(store, 'sequences');
    expect(sequences.filter((row) => row.dataset_id === cut.datasetId).map((row) => row.sequence)).toEqual(['ACGTTGCAAGGCTTACG']);
    const report = await engine.importIssues(store, cut.datasetId);
    expect(report.issues.map((i) => [i.seq_id, i.code])).toEqual([['b', 'primer_not_found']]);
    const opened = await Store.open(store, { readonly: true });
    expect(JSON.parse(opened.catalog.getDataset(cut.datasetId)!.reading!)).toEqual({ removeGaps: false, region });
    expect(opened.catalog.getDataset(whole.datasetId)!.reading).toBeNull();
    await opened.close();
  });

  it('rejects records the model cannot tokenize (shorter than k, all N) instead of storing a zero vector', async () => {
    const { engine, store, root } = await setup();
    const input = join(root, 'short.fasta');
    await writeFile(input, '>ok\nACGTACGTACGGT\n>tiny\nACG\n>unknown\nNNNNNNNNNN\n');
    const result = await engine.embed({ input, model: 'test-kmer', store, device: 'cpu' });
    expect(result).toMatchObject({ read: 3, accepted: 1, rejected: 2, embedded: 1 });
    expect([...(await readVectors(store, 'emb_test_kmer_l0')).keys()]).toEqual(['ok']);
    const report = await engine.importIssues(store, result.datasetId);
    expect(report.issues.map((i) => [i.seq_id, i.code])).toEqual([['tiny', 'no_tokens'], ['unknown', 'no_tokens']]);
    expect(report.issues[0]!.message).toMatch(/short\.fasta: record 2 \(line 3, id "tiny"\): .*test-kmer/);
  });

  it('runs a bundle\'s fp16 graph when asked, close to fp32, and refuses fp16 for a bundle without one', async () => {
    const { engine, store, models, root } = await setup();
    await expect(engine.embed({ input: MIXED, model: 'test-kmer', store, precision: 'fp16' })).rejects.toMatchObject({ code: 'bad_request', message: expect.stringContaining('no fp16 graph') });
    const dir = join(models, 'test-kmer');
    const manifest = JSON.parse(await readFile(join(dir, 'bundle.json'), 'utf8'));
    await writeFile(join(dir, 'model.fp16.onnx'), buildKmerEmbedderGraph({ vocabSize: 256, dim: 16, weights: seededFloats(256 * 16, 7), weightsDtype: 'float16' }));
    await writeFile(join(dir, 'bundle.json'), JSON.stringify({ ...manifest, precision: { fp16: 'model.fp16.onnx' } }));
    const half = await new Engine({ modelDirs: [models] }).embed({ input: MIXED, model: 'test-kmer', store: join(root, 'half'), precision: 'fp16', device: 'cpu' });
    const full = await new Engine({ modelDirs: [models] }).embed({ input: MIXED, model: 'test-kmer', store: join(root, 'full'), precision: 'auto', device: 'cpu' });
    const run = JSON.parse(await readFile(join(half.runDir, 'run.json'), 'utf8'));
    expect(run.model.precision).toBe('fp16');
    const a = await readVectors(join(root, 'half'), 'emb_test_kmer_l0');
    const b = await readVectors(join(root, 'full'), 'emb_test_kmer_l0');
    for (const [id, vector] of a) expect(maxAbsDiff(vector, b.get(id)!)).toBeLessThan(2e-3);
  });

  it('falls back from an unavailable GPU provider with a warning under auto, and fails when one is named', async () => {
    const { engine, store, root } = await setup();
    const warnings: string[] = [];
    const result = await engine.embed({ input: MIXED, model: 'test-kmer', store, device: 'auto' }, { emit: (e) => e.type === 'warning' && warnings.push(e.message) });
    const run = JSON.parse(await readFile(join(result.runDir, 'run.json'), 'utf8'));
    expect(run.executionProvider).toBe(result.provider);
    if (result.provider === 'cpu' && process.platform !== 'darwin') {
      // No GPU provider loads on this machine: the fallback must be visible, never silent.
      expect(warnings.some((w) => /using cpu/.test(w))).toBe(true);
      expect(run.providerFallbacks.length).toBeGreaterThan(0);
      await expect(engine.embed({ input: MIXED, model: 'test-kmer', store: join(root, 'gpu'), device: process.platform === 'win32' ? 'dml' : 'cuda' })).rejects.toMatchObject({ code: 'provider_unavailable' });
    }
  });

  it('validates requests: unknown fields and wrong types are rejected', async () => {
    const { engine, store } = await setup();
    await expect(engine.embed({ input: MIXED, model: 'test-kmer', store, colour: 'red' } as never)).rejects.toThrow(/colour/);
    await expect(engine.embed({ input: MIXED, model: 'test-kmer', store, device: 'tpu' } as never)).rejects.toThrow(/device/);
  });
});
