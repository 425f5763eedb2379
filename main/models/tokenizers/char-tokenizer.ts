import { readVocabFile, requireToken, vocabFromTokens, type Vocab } from './vocab-file.ts';
import { TokenizeError, type Tokenizer } from './tokenizer.ts';

/** ESM-2's 33 tokens in id order (fair-esm `Alphabet` and Hugging Face `EsmTokenizer` vocab.txt), for bundles without a vocab.txt. */
export const ESM2_TOKENS = [
  '<cls>', '<pad>', '<eos>', '<unk>',
  'L', 'A', 'G', 'V', 'S', 'E', 'R', 'T', 'I', 'D', 'P', 'K', 'Q', 'N', 'F', 'Y', 'M', 'H', 'W', 'C', 'X', 'B', 'U', 'Z', 'O', '.', '-',
  '<null_1>', '<mask>',
] as const;

/**
 * ESM style: one token per residue, framed as `<cls>` … `<eos>`; a letter the vocabulary lacks becomes `<unk>`.
 * Lower-case letters count as their upper-case token when the vocabulary has no lower-case one.
 */
export class CharTokenizer implements Tokenizer {
  readonly kind = 'char';
  readonly padId: number;
  readonly prefix: readonly number[];
  readonly suffix: readonly number[];
  private readonly unkId: number;
  /** char code → id for single-character tokens; other codes map to `<unk>`. */
  private readonly idByCode = new Int32Array(128);

  constructor(vocab: Vocab, source: string) {
    this.padId = requireToken(vocab, '<pad>', source);
    this.prefix = [requireToken(vocab, '<cls>', source)];
    this.suffix = [requireToken(vocab, '<eos>', source)];
    this.unkId = requireToken(vocab, '<unk>', source);
    for (let c = 0; c < 128; c += 1) {
      const letter = String.fromCharCode(c);
      this.idByCode[c] = vocab.get(letter) ?? vocab.get(letter.toUpperCase()) ?? this.unkId;
    }
  }

  static async load(vocabPath?: string): Promise<CharTokenizer> {
    if (!vocabPath) return new CharTokenizer(vocabFromTokens(ESM2_TOKENS), 'built-in ESM-2 vocabulary');
    return new CharTokenizer(await readVocabFile(vocabPath), vocabPath);
  }

  encodeContent(sequence: string): Int32Array {
    if (sequence.length === 0) throw new TokenizeError('no_tokens', 'empty sequence');
    const out = new Int32Array(sequence.length);
    for (let i = 0; i < sequence.length; i += 1) {
      const c = sequence.charCodeAt(i);
      out[i] = c < 128 ? this.idByCode[c]! : this.unkId;
    }
    return out;
  }
}
