import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseManifest, type BundleManifestInput } from '../../main/models/bundle-manifest.ts';
import { BUNDLED_MODELS_DIR } from '../../main/shared/app-paths.ts';

const esm: BundleManifestInput = {
  id: 'esm2-t6-8m',
  name: 'ESM-2 8M',
  version: '2.0.0',
  alphabet: 'protein',
  tokenizer: { kind: 'char' },
  maxTokens: 1026,
  dim: 320,
  layers: [{ id: 6, output: 'last_hidden_state' }, { id: 5, output: 'hidden_states.5' }],
  pooling: 'mean',
  license: 'MIT',
  provenance: { source: 'facebook/esm2_t6_8M_UR50D', method: 'optimum export' },
};

function messageFor(json: unknown): string {
  const result = parseManifest(json);
  if (result.ok) throw new Error('expected the manifest to be rejected');
  return result.message;
}

describe('bundle.json validation', () => {
  it('accepts a complete manifest and fills in the documented defaults', () => {
    const result = parseManifest(esm);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.manifest).toMatchObject({
      inputs: { ids: 'input_ids', mask: 'attention_mask' },
      normalize: false,
      excludeSpecialTokens: true,
      long: 'chunk',
    });
    expect(result.manifest.layers[0]).toEqual({ id: 6, output: 'last_hidden_state' });
  });

  it('keeps explicit values, including a model without an attention-mask input', () => {
    const result = parseManifest({ ...esm, inputs: { ids: 'tokens', mask: null }, normalize: true, long: 'truncate', precision: { fp16: 'model.fp16.onnx' } });
    expect(result.ok && result.manifest).toMatchObject({ inputs: { ids: 'tokens', mask: null }, normalize: true, long: 'truncate', precision: { fp16: 'model.fp16.onnx' } });
  });

  it('accepts the manifests of the bundled models', async () => {
    for (const id of ['dna-kmer', 'protein-kmer']) {
      const json = JSON.parse(await readFile(join(BUNDLED_MODELS_DIR, id, 'bundle.json'), 'utf8'));
      const result = parseManifest(json);
      expect(result.ok ? result.manifest.id : result.message).toBe(id);
    }
  });

  it('names an unknown key with its full path', () => {
    expect(messageFor({ ...esm, maxToken: 1024 })).toBe('bundle.json field "maxToken": unknown key');
    expect(messageFor({ ...esm, tokenizer: { kind: 'kmer', k: 3, vocab: 'vocab.txt' } })).toBe('bundle.json field "tokenizer.vocab": unknown key');
    expect(messageFor({ ...esm, provenance: { source: 'x', url: 'y', doi: 'z' } })).toBe('bundle.json fields "provenance.url", "provenance.doi": unknown keys');
  });

  it('reports a misspelt field as the unknown key first, and counts the rest', () => {
    const { maxTokens, ...rest } = esm;
    expect(messageFor({ ...rest, maxtokens: maxTokens })).toBe('bundle.json field "maxtokens": unknown key (and 1 more problem)');
  });

  it('says what was expected for a value of the wrong type or range', () => {
    expect(messageFor({ ...esm, tokenizer: { kind: 'kmer', k: 9 } })).toBe('bundle.json field "tokenizer.k": expected an integer from 1 to 8');
    expect(messageFor({ ...esm, tokenizer: { kind: 'kmer', k: '6' } })).toBe('bundle.json field "tokenizer.k": expected an integer from 1 to 8');
    expect(messageFor({ ...esm, dim: 320.5 })).toBe('bundle.json field "dim": expected a positive integer');
    expect(messageFor({ ...esm, alphabet: 'rna' })).toBe('bundle.json field "alphabet": expected one of "dna", "protein"');
    expect(messageFor({ ...esm, pooling: 'max' })).toBe('bundle.json field "pooling": expected one of "mean", "cls", "none"');
    expect(messageFor({ ...esm, tokenizer: { kind: 'bpe' } })).toBe('bundle.json field "tokenizer.kind": expected one of "kmer", "nt6", "char", "hf"');
    expect(messageFor({ ...esm, normalize: 'yes' })).toBe('bundle.json field "normalize": expected true or false');
    expect(messageFor({ ...esm, layers: [{ id: 0, output: 7 }] })).toBe('bundle.json field "layers.0.output": expected a non-empty string');
    expect(messageFor({ ...esm, version: 'latest' })).toBe('bundle.json field "version": expected a version such as "1.0.0"');
    expect(messageFor([esm])).toBe('bundle.json: expected a JSON object');
  });

  it('says a missing field is required', () => {
    const { license: _, ...rest } = esm;
    expect(messageFor(rest)).toBe('bundle.json field "license": is required');
    expect(messageFor({ ...esm, tokenizer: { kind: 'hf' } })).toBe('bundle.json field "tokenizer.file": is required');
  });

  it('checks ids, layers and file names', () => {
    expect(messageFor({ ...esm, id: 'ESM2 small' })).toMatch(/^bundle\.json field "id": expected a lowercase slug/);
    expect(messageFor({ ...esm, layers: [] })).toBe('bundle.json field "layers": expected at least one layer');
    expect(messageFor({ ...esm, layers: [{ id: 1, output: 'a' }, { id: 1, output: 'b' }] })).toBe('bundle.json field "layers.1.id": duplicate layer id 1');
    expect(messageFor({ ...esm, tokenizer: { kind: 'char', vocab: '../other/vocab.txt' } })).toBe('bundle.json field "tokenizer.vocab": expected a file name inside the bundle folder');
  });

  it('rejects combinations the tokenizers cannot serve', () => {
    expect(messageFor({ ...esm, tokenizer: { kind: 'kmer', k: 8 } })).toBe('bundle.json field "tokenizer.k": expected an integer from 1 to 7 for protein k-mers');
    expect(parseManifest({ ...esm, alphabet: 'dna', tokenizer: { kind: 'kmer', k: 8 } }).ok).toBe(true);
    expect(messageFor({ ...esm, tokenizer: { kind: 'nt6' } })).toBe('bundle.json field "tokenizer.kind": "nt6" tokenizes DNA, but alphabet is "protein"');
  });
});
