import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CharTokenizer, ESM2_TOKENS } from '../../main/models/tokenizers/char-tokenizer.ts';
import { TokenizeError } from '../../main/models/tokenizers/tokenizer.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();

describe('ESM-style character tokenizer', () => {
  it('uses ESM-2\'s 33-token vocabulary: <cls> … <eos>, <pad> = 1', async () => {
    expect(ESM2_TOKENS).toHaveLength(33);
    const tokenizer = await CharTokenizer.load();
    expect(tokenizer.prefix).toEqual([0]);
    expect(tokenizer.suffix).toEqual([2]);
    expect(tokenizer.padId).toBe(1);
  });

  it('gives one token per residue, <unk> for letters outside the vocabulary', async () => {
    const tokenizer = await CharTokenizer.load();
    // M = 20, K = 15, V = 7, X = 24, U = 26; J is no ESM token.
    expect([...tokenizer.encodeContent('MKV')]).toEqual([20, 15, 7]);
    expect([...tokenizer.encodeContent('MXUJ')]).toEqual([20, 24, 26, 3]);
    expect([...tokenizer.encodeContent('mkv')]).toEqual([20, 15, 7]);
    expect([...tokenizer.encodeContent('M\u00c5')]).toEqual([20, 3]);
  });

  it('takes its ids from a vocab.txt when the bundle ships one', async () => {
    const dir = await tempDir();
    const path = join(dir, 'vocab.txt');
    await writeFile(path, ['<pad>', '<unk>', '<cls>', '<eos>', 'A', 'C', 'G', 'T'].join('\r\n'));
    const tokenizer = await CharTokenizer.load(path);
    expect([tokenizer.padId, tokenizer.prefix, tokenizer.suffix]).toEqual([0, [2], [3]]);
    expect([...tokenizer.encodeContent('GATTACAN')]).toEqual([6, 4, 7, 7, 4, 5, 4, 1]);
  });

  it('names the vocab.txt that lacks a special token', async () => {
    const dir = await tempDir();
    const path = join(dir, 'vocab.txt');
    await writeFile(path, '<pad>\n<unk>\n<cls>\nA\n');
    await expect(CharTokenizer.load(path)).rejects.toThrow(`${path}: the vocabulary has no <eos> token`);
  });

  it('throws no_tokens on an empty sequence', async () => {
    const tokenizer = await CharTokenizer.load();
    let caught: unknown;
    try {
      tokenizer.encodeContent('');
    } catch (error) {
      caught = error;
    }
    expect(caught instanceof TokenizeError && caught.code).toBe('no_tokens');
  });
});
