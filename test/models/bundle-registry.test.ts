import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverBundles, InvalidBundleError, UnknownModelError } from '../../main/models/bundle-registry.ts';
import { BUNDLED_MODELS_DIR } from '../../main/shared/app-paths.ts';
import { isEngineError } from '../../main/shared/engine-error.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { writeKmerTestBundle } from '../helpers/test-bundles.ts';

const tempDir = useTempDirs();

function manifest(id: string, extra: Record<string, unknown> = {}) {
  return {
    id, name: `model ${id}`, version: '1.0.0', alphabet: 'protein', tokenizer: { kind: 'char' }, maxTokens: 1026, dim: 8,
    layers: [{ id: 0, output: 'last_hidden_state' }], pooling: 'mean', license: 'CC0-1.0', provenance: { source: 'test suite' }, ...extra,
  };
}

/** A bundle folder with the given bundle.json and files (model.onnx by default; its bytes do not matter to discovery). */
async function writeBundle(root: string, folder: string, json: unknown, files: Record<string, string> = { 'model.onnx': 'onnx bytes' }): Promise<string> {
  const dir = join(root, folder);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'bundle.json'), typeof json === 'string' ? json : JSON.stringify(json));
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  return dir;
}

describe('bundle discovery', () => {
  it('finds the bundled models', async () => {
    const registry = await discoverBundles([BUNDLED_MODELS_DIR]);
    expect(registry.problems).toEqual([]);
    expect(registry.bundles.map((b) => b.manifest.id)).toEqual(['dna-kmer', 'protein-kmer']);
    expect(registry.getBundle('dna-kmer').modelPath).toBe(join(BUNDLED_MODELS_DIR, 'dna-kmer', 'model.onnx'));
  });

  it('merges two roots; the later (user) root replaces a bundled id and the listing says so', async () => {
    const app = await tempDir();
    const user = await tempDir();
    const appShared = await writeBundle(app, 'shared', manifest('shared'));
    await writeBundle(app, 'app-only', manifest('app-only'));
    const userShared = await writeBundle(user, 'my-copy-of-shared', manifest('shared', { version: '2.0.0' }));
    await writeKmerTestBundle(user, { id: 'user-kmer' });

    const registry = await discoverBundles([app, user]);
    expect(registry.bundles.map((b) => `${b.manifest.id}@${b.manifest.version}`)).toEqual(['app-only@1.0.0', 'shared@2.0.0', 'user-kmer@0.0.1']);
    expect(registry.getBundle('shared').dir).toBe(userShared);
    expect(registry.problems).toEqual([
      { code: 'shadowed', dir: appShared, id: 'shared', message: `bundle ${appShared}: replaced by ${userShared} (same id "shared")` },
    ]);
  });

  it('reports an invalid bundle with a one-line message and keeps the others', async () => {
    const root = await tempDir();
    const bad = await writeBundle(root, 'foo', manifest('foo', { tokenizer: { kind: 'kmer', k: 12 } }));
    const typo = await writeBundle(root, 'typo', manifest('typo', { normalise: true }));
    const wrongType = await writeBundle(root, 'wrong-type', manifest('wrong-type', { maxTokens: '1024' }));
    const notJson = await writeBundle(root, 'not-json', '{ "id": "x", ');
    await writeBundle(root, 'good', manifest('good'));

    const registry = await discoverBundles([root]);
    expect(registry.bundles.map((b) => b.manifest.id)).toEqual(['good']);
    expect(registry.problems.map((p) => p.message)).toEqual([
      `bundle ${bad}: bundle.json field "tokenizer.k": expected an integer from 1 to 8`,
      expect.stringMatching(new RegExp(`^bundle ${notJson.replace(/[/\\.]/g, '\\$&')}: bundle\\.json is not valid JSON \\(.+\\)$`)),
      `bundle ${typo}: bundle.json field "normalise": unknown key`,
      `bundle ${wrongType}: bundle.json field "maxTokens": expected a positive integer`,
    ]);
    for (const problem of registry.problems) expect(problem.message).not.toContain('\n');
    expect(registry.problems.map((p) => [p.code, p.id])).toEqual([['invalid_manifest', 'foo'], ['invalid_manifest', undefined], ['invalid_manifest', 'typo'], ['invalid_manifest', 'wrong-type']]);
  });

  it('reports missing or empty files the manifest relies on', async () => {
    const root = await tempDir();
    const noModel = await writeBundle(root, 'no-model', manifest('no-model'), {});
    const noVocab = await writeBundle(root, 'no-vocab', manifest('no-vocab', { tokenizer: { kind: 'char', vocab: 'vocab.txt' } }));
    const noTokenizerJson = await writeBundle(root, 'no-tokenizer-json', manifest('no-tokenizer-json', { tokenizer: { kind: 'hf', file: 'tokenizer.json' } }));
    const noFp16 = await writeBundle(root, 'no-fp16', manifest('no-fp16', { precision: { fp16: 'model.fp16.onnx' } }));
    const emptyModel = await writeBundle(root, 'empty-model', manifest('empty-model'), { 'model.onnx': '' });

    const registry = await discoverBundles([root]);
    expect(registry.bundles).toEqual([]);
    expect(registry.problems.map((p) => p.message)).toEqual([
      `bundle ${emptyModel}: model.onnx is empty (an interrupted copy or download?)`,
      `bundle ${noFp16}: model.fp16.onnx (named by bundle.json field "precision.fp16") is missing`,
      `bundle ${noModel}: model.onnx is missing`,
      `bundle ${noTokenizerJson}: tokenizer.json (named by bundle.json field "tokenizer.file") is missing`,
      `bundle ${noVocab}: vocab.txt (named by bundle.json field "tokenizer.vocab") is missing`,
    ]);
    expect(new Set(registry.problems.map((p) => p.code))).toEqual(new Set(['missing_file']));
  });

  it('resolves the tokenizer file and follows linked bundle folders', async () => {
    const store = await tempDir();
    const root = await tempDir();
    const real = await writeBundle(store, 'esm-real', manifest('esm-linked', { tokenizer: { kind: 'char', vocab: 'vocab.txt' } }), { 'model.onnx': 'x', 'vocab.txt': '<cls>\n' });
    await symlink(real, join(root, 'esm-linked'), 'dir');
    const registry = await discoverBundles([root]);
    expect(registry.bundles).toEqual([
      expect.objectContaining({ dir: join(root, 'esm-linked'), modelPath: join(root, 'esm-linked', 'model.onnx'), tokenizerPath: join(root, 'esm-linked', 'vocab.txt') }),
    ]);
  });

  it('ignores folders without bundle.json and roots that do not exist; keeps the first of two folders claiming one id', async () => {
    const root = await tempDir();
    await mkdir(join(root, 'notes'));
    await writeFile(join(root, 'README.txt'), 'not a bundle');
    const first = await writeBundle(root, 'a-first', manifest('twin'));
    const second = await writeBundle(root, 'b-second', manifest('twin'));
    const registry = await discoverBundles([join(root, 'does-not-exist'), root]);
    expect(registry.bundles.map((b) => b.dir)).toEqual([first]);
    expect(registry.problems).toEqual([{ code: 'duplicate_id', dir: second, id: 'twin', message: `bundle ${second}: id "twin" is already used by ${first}; this folder is ignored` }]);
  });

  it('reports a models path that is not a folder', async () => {
    const file = join(await tempDir(), 'models');
    await writeFile(file, 'a file where the models folder should be');
    const registry = await discoverBundles([file]);
    expect(registry.problems).toEqual([{ code: 'unreadable_root', dir: file, message: `models folder ${file} is not a folder` }]);
  });
});

describe('getBundle', () => {
  it('throws UnknownModelError listing the known ids', async () => {
    const root = await tempDir();
    await writeBundle(root, 'b', manifest('beta'));
    await writeBundle(root, 'a', manifest('alpha'));
    const registry = await discoverBundles([root]);
    let caught: unknown;
    try {
      registry.getBundle('gamma');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UnknownModelError);
    expect(isEngineError(caught) && caught.code).toBe('unknown_model');
    expect((caught as UnknownModelError).knownIds).toEqual(['alpha', 'beta']);
    expect((caught as Error).message).toBe('unknown model "gamma"; installed: alpha, beta (seqatlas models list)');
  });

  it('says a bundle is broken rather than absent when its manifest names the id', async () => {
    const root = await tempDir();
    const dir = await writeBundle(root, 'broken', manifest('broken'), {});
    const registry = await discoverBundles([root]);
    expect(() => registry.getBundle('broken')).toThrow(InvalidBundleError);
    expect(() => registry.getBundle('broken')).toThrow(`bundle ${dir}: model.onnx is missing`);
  });
});
