/** Turns a sequence into model token ids. Special tokens are kept apart so long sequences can be split into windows. */
export interface Tokenizer {
  readonly kind: string;
  readonly padId: number;
  /** Special tokens before the content (e.g. `<cls>`); empty for k-mer models. */
  readonly prefix: readonly number[];
  /** Special tokens after the content (e.g. `<eos>`). */
  readonly suffix: readonly number[];
  /** Content token ids only; throws TokenizeError('no_tokens') when the sequence yields none. */
  encodeContent(sequence: string): Int32Array;
}

export class TokenizeError extends Error {
  constructor(readonly code: 'no_tokens' | 'bad_vocab' | 'bad_tokenizer', message: string) {
    super(message);
    this.name = 'TokenizeError';
  }
}

/** Reads a vocab.txt (one token per line, id = line number) into token → id. */
export function vocabFromLines(text: string, file: string): Map<string, number> {
  const tokens = text.split(/\r?\n/);
  while (tokens.length > 0 && tokens[tokens.length - 1] === '') tokens.pop();
  const vocab = new Map<string, number>();
  tokens.forEach((token, id) => {
    if (!vocab.has(token)) vocab.set(token, id);
  });
  if (vocab.size === 0) throw new TokenizeError('bad_vocab', `${file}: empty vocabulary`);
  return vocab;
}

export function requireToken(vocab: ReadonlyMap<string, number>, token: string, file: string): number {
  const id = vocab.get(token);
  if (id === undefined) throw new TokenizeError('bad_vocab', `${file}: vocabulary has no ${token} token`);
  return id;
}
