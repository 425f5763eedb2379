import { readFile } from 'node:fs/promises';
import { requireToken, TokenizeError, vocabFromLines, type Tokenizer } from './tokenizer.ts';

/** ESM-2's vocabulary (fair-esm / Hugging Face EsmTokenizer order) for bundles that ship no vocab.txt. */
const ESM2_VOCAB = ['<cls>', '<pad>', '<eos>', '<unk>', 'L', 'A', 'G', 'V', 'S', 'E', 'R', 'T', 'I', 'D', 'P', 'K', 'Q', 'N', 'F', 'Y', 'M', 'H', 'W', 'C', 'X', 'B', 'U', 'Z', 'O', '.', '-', '<null_1>', '<mask>'];

/** ESM style: one token per residue, `<cls>` … `<eos>` around it, unknown letters as `<unk>`. */
export class CharTokenizer implements Tokenizer {
  readonly kind = 'char';
  readonly padId: number;
  readonly prefix: readonly number[];
  readonly suffix: readonly number[];
  private readonly unk: number;
  private readonly byCode = new Int32Array(128).fill(-1);

  private constructor(vocab: Map<string, number>, file: string) {
    this.padId = requireToken(vocab, '<pad>', file);
    this.prefix = [requireToken(vocab, '<cls>', file)];
    this.suffix = [requireToken(vocab, '<eos>', file)];
    this.unk = requireToken(vocab, '<unk>', file);
    for (const [token, id] of vocab) if (token.length === 1 && token.charCodeAt(0) < 128) this.byCode[token.charCodeAt(0)] = id;
  }

  static async load(vocabPath?: string): Promise<CharTokenizer> {
    if (!vocabPath) return new CharTokenizer(new Map(ESM2_VOCAB.map((t, i) => [t, i])), 'built-in ESM-2 vocabulary');
    return new CharTokenizer(vocabFromLines(await readFile(vocabPath, 'utf8'), vocabPath), vocabPath);
  }

  /** Expects the reader's upper-case sequence. */
  encodeContent(sequence: string): Int32Array {
    if (sequence.length === 0) throw new TokenizeError('no_tokens', 'empty sequence');
    const out = new Int32Array(sequence.length);
    for (let i = 0; i < sequence.length; i += 1) {
      const c = sequence.charCodeAt(i);
      const id = c < 128 ? this.byCode[c]! : -1;
      out[i] = id >= 0 ? id : this.unk;
    }
    return out;
  }
}
