import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HfTokenizer } from '../../main/models/tokenizers/hf-tokenizer.ts';
import { TokenizeError } from '../../main/models/tokenizers/tokenizer.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'models', 'hf-protein', 'tokenizer.json');

/** The fixture with some top-level sections replaced, written to a fresh folder. */
async function variant(changes: Record<string, unknown>, config?: Record<string, unknown>): Promise<string> {
  const json = { ...JSON.parse(await readFile(FIXTURE, 'utf8')), ...changes };
  const dir = join(await tempDir(), 'bundle');
  await mkdir(dir);
  await writeFile(join(dir, 'tokenizer.json'), JSON.stringify(json));
  if (config) await writeFile(join(dir, 'tokenizer_config.json'), JSON.stringify(config));
  return join(dir, 'tokenizer.json');
}

describe('Hugging Face tokenizer.json', () => {
  it('encodes content with the BPE model and takes <cls> … <eos> from the template post-processor', async () => {
    const tokenizer = await HfTokenizer.load(FIXTURE);
    expect(tokenizer.prefix).toEqual([0]);
    expect(tokenizer.suffix).toEqual([2]);
    expect(tokenizer.padId).toBe(1);
    // Merges "M K" → MK (24) and "A A" → AA (25); single residues A = 4 … Y = 23.
    expect([...tokenizer.encodeContent('MKTAAAYIAK')]).toEqual([24, 20, 25, 4, 23, 11, 4, 12]);
    expect([...tokenizer.encodeContent('MKXZ')]).toEqual([24, 3, 3]);
  });

  it('derives the framing of other post-processors too', async () => {
    const bert = await HfTokenizer.load(await variant({ post_processor: { type: 'BertProcessing', cls: ['<cls>', 0], sep: ['<eos>', 2] } }));
    expect([bert.prefix, bert.suffix]).toEqual([[0], [2]]);
    const none = await HfTokenizer.load(await variant({ post_processor: null }));
    expect([none.prefix, none.suffix]).toEqual([[], []]);
    expect([...none.encodeContent('MK')]).toEqual([24]);
  });

  it('finds the pad id in tokenizer_config.json or the vocabulary when tokenizer.json has no padding section', async () => {
    const fromVocab = await HfTokenizer.load(await variant({ padding: null }));
    expect(fromVocab.padId).toBe(1);
    const fromConfig = await HfTokenizer.load(await variant({ padding: null }, { pad_token: '<eos>' }));
    expect(fromConfig.padId).toBe(2);
  });

  it('throws no_tokens when a sequence gives no token', async () => {
    const tokenizer = await HfTokenizer.load(FIXTURE);
    expect(() => tokenizer.encodeContent('')).toThrow(new TokenizeError('no_tokens', 'sequence of length 0 gives no tokens'));
  });

  it('names the file that is not a usable tokenizer.json', async () => {
    const dir = await tempDir();
    const broken = join(dir, 'tokenizer.json');
    await writeFile(broken, '{"model": ');
    await expect(HfTokenizer.load(broken)).rejects.toThrow(new RegExp(`^${broken.replace(/[/\\.]/g, '\\$&')}: not valid JSON \\(`));
    const missing = join(dir, 'absent.json');
    await expect(HfTokenizer.load(missing)).rejects.toThrow(`${missing}: cannot be read (ENOENT)`);
  });
});
