import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Tokenizer as HfTokenizerImpl } from '@huggingface/tokenizers';
import { TokenizeError, type Tokenizer } from './tokenizer.ts';

/**
 * Any Hugging Face tokenizer.json, through the maintained @huggingface/tokenizers port (no hand-written BPE).
 * Content ids are the encoding without special tokens; the special tokens the post-processor adds around a single
 * sequence are found once, by encoding a probe with and without them, so long sequences can be split into windows
 * that each get the same framing.
 */
export class HfTokenizer implements Tokenizer {
  readonly kind = 'hf';

  private constructor(
    private readonly impl: HfTokenizerImpl,
    readonly padId: number,
    readonly prefix: readonly number[],
    readonly suffix: readonly number[],
  ) {}

  static async load(path: string): Promise<HfTokenizer> {
    let json: { padding?: { pad_id?: number } | null };
    let config: Record<string, unknown> = {};
    try {
      json = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      throw new TokenizeError('bad_tokenizer', `${path}: not a readable tokenizer.json (${(error as Error).message.split('\n')[0]})`);
    }
    try {
      config = JSON.parse(await readFile(join(dirname(path), 'tokenizer_config.json'), 'utf8'));
    } catch {
      // tokenizer_config.json is optional: it only adds metadata such as model_max_length.
    }
    let impl: HfTokenizerImpl;
    try {
      impl = new HfTokenizerImpl(json, config);
    } catch (error) {
      throw new TokenizeError('bad_tokenizer', `${path}: unsupported tokenizer.json (${(error as Error).message.split('\n')[0]})`);
    }
    const probe = 'A';
    const bare = impl.encode(probe, { add_special_tokens: false }).ids;
    const framed = impl.encode(probe, { add_special_tokens: true }).ids;
    const at = indexOfRun(framed, bare);
    const prefix = at < 0 ? [] : framed.slice(0, at);
    const suffix = at < 0 ? [] : framed.slice(at + bare.length);
    const padId = json.padding?.pad_id ?? impl.token_to_id('<pad>') ?? impl.token_to_id('[PAD]') ?? 0;
    return new HfTokenizer(impl, padId, prefix, suffix);
  }

  encodeContent(sequence: string): Int32Array {
    const ids = this.impl.encode(sequence, { add_special_tokens: false }).ids;
    if (ids.length === 0) throw new TokenizeError('no_tokens', 'sequence gives no tokens');
    return Int32Array.from(ids);
  }
}

function indexOfRun(haystack: readonly number[], needle: readonly number[]): number {
  for (let i = 0; i + needle.length <= haystack.length; i += 1) {
    if (needle.every((v, j) => haystack[i + j] === v)) return i;
  }
  return -1;
}
