import { readFile } from 'node:fs/promises';
import { requireToken, TokenizeError, vocabFromLines, type Tokenizer } from './tokenizer.ts';

/**
 * The Nucleotide Transformer v1 vocabulary when a bundle ships no vocab.txt: six special tokens, the 4,096 6-mers
 * and the five single nucleotides. The 6-mer order here (itertools.product over "ATCG") is our assumption, not
 * confirmed against InstaDeep's file: real NT bundles should ship their vocab.txt, which always wins.
 */
function defaultVocab(): Map<string, number> {
  const tokens = ['<unk>', '<pad>', '<mask>', '<cls>', '<eos>', '<bos>'];
  const letters = 'ATCG';
  for (let i = 0; i < 4096; i += 1) {
    let kmer = '';
    for (let p = 5; p >= 0; p -= 1) kmer += letters[Math.floor(i / 4 ** p) % 4];
    tokens.push(kmer);
  }
  tokens.push('A', 'T', 'C', 'G', 'N');
  return new Map(tokens.map((t, i) => [t, i]));
}

const isAcgt = (c: string) => c === 'A' || c === 'C' || c === 'G' || c === 'T';

/**
 * Nucleotide Transformer tokenization: non-overlapping 6-mers from the left; where no full ACGT 6-mer can be formed
 * (an N or other code inside it, or fewer than six bases left) the bases are emitted one by one, then 6-mers resume.
 * Only `<cls>` is added (NT v1 has no end token).
 */
export class Nt6Tokenizer implements Tokenizer {
  readonly kind = 'nt6';
  readonly padId: number;
  readonly prefix: readonly number[];
  readonly suffix: readonly number[] = [];
  private readonly unk: number;

  private constructor(private readonly vocab: Map<string, number>, file: string) {
    this.padId = requireToken(vocab, '<pad>', file);
    this.prefix = [requireToken(vocab, '<cls>', file)];
    this.unk = requireToken(vocab, '<unk>', file);
  }

  static async load(vocabPath?: string): Promise<Nt6Tokenizer> {
    if (!vocabPath) return new Nt6Tokenizer(defaultVocab(), 'built-in NT vocabulary');
    return new Nt6Tokenizer(vocabFromLines(await readFile(vocabPath, 'utf8'), vocabPath), vocabPath);
  }

  encodeContent(sequence: string): Int32Array {
    const s = sequence.toUpperCase().replace(/U/g, 'T');
    const out: number[] = [];
    let i = 0;
    while (i < s.length) {
      const six = s.slice(i, i + 6);
      if (six.length === 6 && [...six].every(isAcgt)) {
        out.push(this.vocab.get(six) ?? this.unk);
        i += 6;
      } else {
        out.push(this.vocab.get(s[i]!) ?? this.unk);
        i += 1;
      }
    }
    if (out.length === 0) throw new TokenizeError('no_tokens', 'empty sequence');
    return Int32Array.from(out);
  }
}
