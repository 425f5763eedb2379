import { readFile } from 'node:fs/promises';
import { TokenizeError } from './tokenizer.ts';

/** A vocabulary as token → id. */
export type Vocab = ReadonlyMap<string, number>;

/** Reads a vocab.txt: one token per line, id = line index (the Hugging Face / fair-esm convention). */
export async function readVocabFile(path: string): Promise<Vocab> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new TokenizeError('bad_vocab', `${path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const tokens = text.split(/\r?\n/);
  while (tokens.length > 0 && tokens[tokens.length - 1] === '') tokens.pop();
  if (tokens.length === 0) throw new TokenizeError('bad_vocab', `${path}: empty vocabulary`);
  return vocabFromTokens(tokens);
}

/** token → id for a list in id order; a repeated token keeps its first id, as Hugging Face's loader does. */
export function vocabFromTokens(tokens: readonly string[]): Vocab {
  const vocab = new Map<string, number>();
  tokens.forEach((token, id) => {
    if (!vocab.has(token)) vocab.set(token, id);
  });
  return vocab;
}

export function requireToken(vocab: Vocab, token: string, source: string): number {
  const id = vocab.get(token);
  if (id === undefined) throw new TokenizeError('bad_vocab', `${source}: the vocabulary has no ${token} token`);
  return id;
}
