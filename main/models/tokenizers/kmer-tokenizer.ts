import { TokenizeError, type Tokenizer } from './tokenizer.ts';

/** Letter order of k-mer ids. DNA: A=0, C=1, G=2, T=3. Proteins: the 20 standard amino acids, alphabetical. */
export const KMER_LETTERS = { dna: 'ACGT', protein: 'ACDEFGHIKLMNPQRSTVWY' } as const;
export type KmerAlphabet = keyof typeof KMER_LETTERS;

/**
 * Overlapping k-mers, one token per position. A k-mer's id is the k-mer read as a base-4 (DNA) or base-20 (protein)
 * number, first letter most significant, in the letter order of KMER_LETTERS: DNA "ACG" = 0·16 + 1·4 + 2 = 6. The
 * bundled dna-kmer and protein-kmer graphs index their Gather tables this way, so this order is part of their
 * format. A k-mer holding any other letter (N, IUPAC ambiguity codes; X, B, Z, J, U, O, * for proteins) is skipped:
 * it has no single unambiguous k-mer. DNA `U` counts as `T`; lower case counts as upper case (soft-masking).
 * No special tokens: the k-mer graphs pool over the content themselves.
 */
export class KmerTokenizer implements Tokenizer {
  readonly kind = 'kmer';
  /** Padding is masked out by the graphs; 0 is merely a valid row. */
  readonly padId = 0;
  readonly prefix: readonly number[] = [];
  readonly suffix: readonly number[] = [];
  readonly k: number;
  readonly alphabet: KmerAlphabet;
  /** char code → letter value, -1 for a letter that breaks k-mers; sized for ASCII, other codes break k-mers too. */
  private readonly letterValue = new Int8Array(128).fill(-1);
  private readonly base: number;
  private readonly idCount: number;

  constructor(options: { k: number; alphabet: KmerAlphabet }) {
    const letters = KMER_LETTERS[options.alphabet];
    this.k = options.k;
    this.alphabet = options.alphabet;
    this.base = letters.length;
    const idCount = this.base ** this.k;
    // Ids are stored as int32 (and the model's table has one row per id), which bounds k.
    if (!Number.isInteger(this.k) || this.k < 1 || idCount > 2 ** 31 - 1) {
      throw new TokenizeError('bad_tokenizer', `k-mer size ${options.k} is not supported for ${options.alphabet} (1 to ${options.alphabet === 'dna' ? 8 : 7})`);
    }
    // `**` yields a heap double; `| 0` keeps the field a small integer, so the modulus below is an integer
    // operation: about three times faster in V8 than the floating-point one.
    this.idCount = idCount | 0;
    for (let i = 0; i < letters.length; i += 1) {
      this.letterValue[letters.charCodeAt(i)] = i;
      this.letterValue[letters.toLowerCase().charCodeAt(i)] = i;
    }
    if (options.alphabet === 'dna') {
      this.letterValue['U'.charCodeAt(0)] = this.letterValue['T'.charCodeAt(0)]!;
      this.letterValue['u'.charCodeAt(0)] = this.letterValue['T'.charCodeAt(0)]!;
    }
  }

  /** How many distinct ids there are (base^k): the row count of the model's table. */
  get vocabSize(): number {
    return this.idCount;
  }

  encodeContent(sequence: string): Int32Array {
    const { k, base, idCount, letterValue } = this;
    const out = new Int32Array(Math.max(0, sequence.length - k + 1));
    let count = 0;
    // Rolling id of the last `run` letters (at most k): shift in the new letter, drop the oldest by the modulus.
    let code = 0;
    let run = 0;
    for (let i = 0; i < sequence.length; i += 1) {
      const c = sequence.charCodeAt(i);
      const value = c < 128 ? letterValue[c]! : -1;
      if (value < 0) {
        run = 0;
        code = 0;
        continue;
      }
      code = (code * base + value) % idCount;
      if (++run >= k) out[count++] = code;
    }
    if (count === 0) {
      const skipped = this.alphabet === 'dna' ? 'N or other ambiguity codes' : 'X, B, Z, J, U, O or *';
      throw new TokenizeError('no_tokens', `sequence of length ${sequence.length} has no unambiguous ${k}-mer (k-mers with ${skipped} are skipped)`);
    }
    return out.subarray(0, count);
  }
}
