import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { discoverBundles } from '../../main/models/bundle-registry.ts';
import { createTokenizer } from '../../main/models/tokenizers/tokenizer-factory.ts';
import { BUNDLED_MODELS_DIR } from '../../main/shared/app-paths.ts';
import { EngineError } from '../../main/shared/engine-error.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const HF_FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'models', 'hf-protein', 'tokenizer.json');

async function writeBundle(root: string, id: string, alphabet: 'dna' | 'protein', tokenizer: Record<string, unknown>, files: Record<string, string> = {}): Promise<void> {
  const dir = join(root, id);
  await mkdir(dir);
  await writeFile(join(dir, 'model.onnx'), 'placeholder: tokenizers never open the model');
  await writeFile(join(dir, 'bundle.json'), JSON.stringify({
    id, name: id, version: '1.0.0', alphabet, tokenizer, maxTokens: 512, dim: 8, layers: [{ id: 0, output: 'out' }],
    pooling: 'mean', license: 'CC0-1.0', provenance: { source: 'test suite' },
  }));
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
}

describe('createTokenizer', () => {
  it('builds the tokenizer each bundle names', async () => {
    const root = await tempDir();
    await writeBundle(root, 'nt', 'dna', { kind: 'nt6' });
    await writeBundle(root, 'esm', 'protein', { kind: 'char' });
    await writeBundle(root, 'esm-vocab', 'protein', { kind: 'char', vocab: 'vocab.txt' }, { 'vocab.txt': '<pad>\n<unk>\n<cls>\n<eos>\nM\nK\n' });
    await writeBundle(root, 'hf', 'protein', { kind: 'hf', file: 'tokenizer.json' });
    await copyFile(HF_FIXTURE, join(root, 'hf', 'tokenizer.json'));
    const registry = await discoverBundles([BUNDLED_MODELS_DIR, root]);
    expect(registry.problems).toEqual([]);

    const encode = async (id: string, sequence: string) => {
      const tokenizer = await createTokenizer(registry.getBundle(id));
      return { kind: tokenizer.kind, prefix: tokenizer.prefix, suffix: tokenizer.suffix, ids: [...tokenizer.encodeContent(sequence)] };
    };
    expect(await encode('dna-kmer', 'AAAAAAC')).toEqual({ kind: 'kmer', prefix: [], suffix: [], ids: [0, 1] });
    expect(await encode('protein-kmer', 'AAAC')).toEqual({ kind: 'kmer', prefix: [], suffix: [], ids: [0, 1] });
    expect(await encode('nt', 'AAAAAAT')).toEqual({ kind: 'nt6', prefix: [3], suffix: [], ids: [6, 4103] });
    expect(await encode('esm', 'MK')).toEqual({ kind: 'char', prefix: [0], suffix: [2], ids: [20, 15] });
    expect(await encode('esm-vocab', 'MK')).toEqual({ kind: 'char', prefix: [2], suffix: [3], ids: [4, 5] });
    expect(await encode('hf', 'MK')).toEqual({ kind: 'hf', prefix: [0], suffix: [2], ids: [24] });
  });

  it('reports an unusable vocabulary as an invalid bundle, naming the bundle and the file', async () => {
    const root = await tempDir();
    await writeBundle(root, 'esm-bad', 'protein', { kind: 'char', vocab: 'vocab.txt' }, { 'vocab.txt': 'A\nC\n' });
    const bundle = (await discoverBundles([root])).getBundle('esm-bad');
    const error = await createTokenizer(bundle).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).code).toBe('invalid_bundle');
    expect((error as EngineError).message).toBe(`bundle ${bundle.dir}: ${join(bundle.dir, 'vocab.txt')}: the vocabulary has no <pad> token`);
  });
});
