import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Tokenizer as HfTokenizerCore } from '@huggingface/tokenizers';
import { TokenizeError, type Tokenizer } from './tokenizer.ts';

interface TokenizerJsonHead {
  padding?: { pad_id?: number } | null;
}

/** Inputs that every sequence tokenizer turns into at least one content token (DNA or protein letters). */
const PROBES = ['A', 'ACGT', 'M', 'a'];

/**
 * Any Hugging Face tokenizer.json, run by @huggingface/tokenizers (the maintained JS port; no hand-written BPE).
 * Content ids are the encoding without special tokens. The specials the post-processor puts around a single
 * sequence are found once by encoding a probe with and without them: that covers every post-processor kind
 * (TemplateProcessing, Bert, Roberta, Sequence) the same way, and lets long sequences be windowed with each
 * window framed like a whole sequence.
 */
export class HfTokenizer implements Tokenizer {
  readonly kind = 'hf';

  private constructor(
    private readonly core: HfTokenizerCore,
    readonly padId: number,
    readonly prefix: readonly number[],
    readonly suffix: readonly number[],
  ) {}

  static async load(path: string): Promise<HfTokenizer> {
    const json = (await readJson(path, true)) as TokenizerJsonHead;
    // tokenizer_config.json beside it is optional; it carries metadata such as pad_token.
    const config = ((await readJson(join(dirname(path), 'tokenizer_config.json'), false)) ?? {}) as { pad_token?: unknown };
    let core: HfTokenizerCore;
    try {
      core = new HfTokenizerCore(json, config);
    } catch (error) {
      throw new TokenizeError('bad_tokenizer', `${path}: unsupported tokenizer.json (${firstLine(error)})`);
    }
    const { prefix, suffix } = findSpecials(core, path);
    const padToken = typeof config.pad_token === 'string' ? config.pad_token : undefined;
    // Padded positions are masked out, so a tokenizer without any pad token can pad with 0.
    const padId = json.padding?.pad_id ?? (padToken === undefined ? undefined : core.token_to_id(padToken)) ?? core.token_to_id('<pad>') ?? core.token_to_id('[PAD]') ?? 0;
    return new HfTokenizer(core, padId, prefix, suffix);
  }

  encodeContent(sequence: string): Int32Array {
    const ids = this.core.encode(sequence, { add_special_tokens: false }).ids;
    if (ids.length === 0) throw new TokenizeError('no_tokens', `sequence of length ${sequence.length} gives no tokens`);
    return Int32Array.from(ids);
  }
}

function findSpecials(core: HfTokenizerCore, path: string): { prefix: number[]; suffix: number[] } {
  for (const probe of PROBES) {
    const content = core.encode(probe, { add_special_tokens: false }).ids;
    if (content.length === 0) continue;
    const framed = core.encode(probe, { add_special_tokens: true }).ids;
    const at = indexOfRun(framed, content);
    if (at < 0) throw new TokenizeError('bad_tokenizer', `${path}: the post-processor changes the content tokens, so long sequences cannot be split into windows`);
    return { prefix: framed.slice(0, at), suffix: framed.slice(at + content.length) };
  }
  throw new TokenizeError('bad_tokenizer', `${path}: turns none of ${PROBES.map((p) => `"${p}"`).join(', ')} into a token; is it a DNA or protein tokenizer?`);
}

/** Where `needle` first occurs as a contiguous run in `haystack`, or -1. */
function indexOfRun(haystack: readonly number[], needle: readonly number[]): number {
  for (let i = 0; i + needle.length <= haystack.length; i += 1) {
    if (needle.every((value, j) => haystack[i + j] === value)) return i;
  }
  return -1;
}

async function readJson(path: string, required: boolean): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (!required && (error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new TokenizeError('bad_tokenizer', `${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? firstLine(error)})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new TokenizeError('bad_tokenizer', `${path}: not valid JSON (${firstLine(error)})`);
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
