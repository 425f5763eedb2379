/**
 * Turns a sequence into model token ids. Special tokens are kept apart from the content so a long sequence can be
 * split into windows that each get the same framing (see encode-batch.ts).
 */
export interface Tokenizer {
  readonly kind: string;
  readonly padId: number;
  /** Special tokens placed before the content (e.g. `<cls>`); empty for k-mer models. */
  readonly prefix: readonly number[];
  /** Special tokens placed after the content (e.g. `<eos>`). */
  readonly suffix: readonly number[];
  /** Content token ids only (no specials); throws TokenizeError('no_tokens') when the sequence yields none. */
  encodeContent(sequence: string): Int32Array;
}

/**
 * 'no_tokens': this sequence yields no token (too short for k, or nothing but ambiguity codes): a per-record problem.
 * 'bad_vocab' / 'bad_tokenizer': the bundle's vocabulary or tokenizer.json cannot be used: a bundle problem.
 */
export type TokenizeErrorCode = 'no_tokens' | 'bad_vocab' | 'bad_tokenizer';

export class TokenizeError extends Error {
  constructor(
    readonly code: TokenizeErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TokenizeError';
  }
}
