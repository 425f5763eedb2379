import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../main/api/engine.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { writeEsmTestBundle } from '../helpers/test-bundles.ts';
import { maxAbsDiff, readVectors } from '../helpers/store-readers.ts';

const tempDir = useTempDirs();
const AMINO = 'ACDEFGHIKLMNPQRSTVWY';

function proteins(count: number, seed: number): { id: string; sequence: string }[] {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  return Array.from({ length: count }, (_, i) => ({
    id: `prot${i}`,
    sequence: Array.from({ length: 8 + Math.floor(next() * 120) }, () => AMINO[Math.floor(next() * 20)]).join(''),
  }));
}

async function fasta(path: string, records: { id: string; sequence: string }[]): Promise<string> {
  await writeFile(path, records.map((r) => `>${r.id}\n${r.sequence}\n`).join(''));
  return path;
}

describe('transformer bundles (ESM-shaped ONNX, input_ids + attention_mask → hidden states)', () => {
  it('gives each sequence the same embedding in a padded batch as alone, for every selected layer', async () => {
    const root = await tempDir();
    const models = join(root, 'models');
    await writeEsmTestBundle(models, { id: 'test-esm', layers: 2 });
    const engine = new Engine({ modelDirs: [models] });
    const input = await fasta(join(root, 'p.fasta'), proteins(40, 3));
    const batched = await engine.embed({ input, model: 'test-esm', store: join(root, 'batched'), layers: [2, 0, 1], device: 'cpu' });
    expect(batched.tables).toEqual(['emb_test_esm_l2', 'emb_test_esm_l0', 'emb_test_esm_l1']);
    const single = await engine.embed({ input, model: 'test-esm', store: join(root, 'single'), layers: [2, 0, 1], device: 'cpu', batch: { maxBatchSize: 1 } });
    for (const table of batched.tables) {
      const a = await readVectors(join(root, 'batched'), table);
      const b = await readVectors(join(root, 'single'), table);
      expect(a.size).toBe(40);
      for (const [id, vector] of a) expect(maxAbsDiff(vector, b.get(id)!), `${table} ${id}`).toBeLessThanOrEqual(1e-4);
    }
    // Layers really differ: selecting a layer stores that layer, not a copy of another.
    const last = await readVectors(join(root, 'batched'), 'emb_test_esm_l2');
    const first = await readVectors(join(root, 'batched'), 'emb_test_esm_l0');
    expect(maxAbsDiff(last.get('prot0')!, first.get('prot0')!)).toBeGreaterThan(1e-2);
  });

  it('splits sequences longer than maxTokens into windows and averages them by token count', async () => {
    const root = await tempDir();
    const models = join(root, 'models');
    await writeEsmTestBundle(models, { id: 'short-esm', layers: 1, maxTokens: 40 });
    await writeEsmTestBundle(models, { id: 'long-esm', layers: 1, maxTokens: 1024 });
    const engine = new Engine({ modelDirs: [models] });
    const [long] = proteins(1, 9).map((p) => ({ ...p, sequence: p.sequence.padEnd(100, 'MKVL') }));
    const sequence = long!.sequence.slice(0, 100);
    // 40 tokens = <cls> + 38 residues + <eos>: windows of 38, 38 and 24 residues.
    const pieces = [sequence.slice(0, 38), sequence.slice(38, 76), sequence.slice(76)];
    const whole = await fasta(join(root, 'long.fasta'), [{ id: 'long', sequence }]);
    const parts = await fasta(join(root, 'parts.fasta'), pieces.map((p, i) => ({ id: `part${i}`, sequence: p })));
    await engine.embed({ input: whole, model: 'short-esm', store: join(root, 'a'), device: 'cpu' });
    await engine.embed({ input: parts, model: 'long-esm', store: join(root, 'b'), device: 'cpu' });
    const chunked = (await readVectors(join(root, 'a'), 'emb_short_esm_l1')).get('long')!;
    const partVectors = await readVectors(join(root, 'b'), 'emb_long_esm_l1');
    const expected = new Float32Array(chunked.length);
    pieces.forEach((piece, i) => partVectors.get(`part${i}`)!.forEach((v, d) => (expected[d]! += (v * piece.length) / 100)));
    expect(maxAbsDiff(chunked, expected)).toBeLessThanOrEqual(1e-4);
  });
});
