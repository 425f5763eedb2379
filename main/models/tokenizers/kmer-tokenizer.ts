import { TokenizeError, type Tokenizer } from './tokenizer.ts';

export const DNA_LETTERS = 'ACGT';
export const PROTEIN_LETTERS = 'ACDEFGHIKLMNPQRSTVWY';

/**
 * Overlapping k-mers. Id = the k-mer read as a base-|letters| number (DNA: A=0, C=1, G=2, T=3; proteins: the 20
 * amino acids in alphabetical one-letter order), the row order of the bundled embedders' tables. A k-mer with any
 * other letter (N, IUPAC ambiguity codes, X) is skipped: it has no single meaning. A rolling code over char codes,
 * no substrings: tokenizing must not cost more than the model.
 */
export class KmerTokenizer implements Tokenizer {
  readonly kind = 'kmer';
  readonly padId = 0;
  readonly prefix: readonly number[] = [];
  readonly suffix: readonly number[] = [];
  private readonly lookup = new Int8Array(128).fill(-1);
  private readonly modulus: number;

  constructor(readonly k: number, readonly letters: string) {
    for (let i = 0; i < letters.length; i += 1) {
      this.lookup[letters.charCodeAt(i)] = i;
      this.lookup[letters.toLowerCase().charCodeAt(i)] = i;
    }
    if (letters === DNA_LETTERS) {
      this.lookup['U'.charCodeAt(0)] = 3;
      this.lookup['u'.charCodeAt(0)] = 3;
    }
    this.modulus = letters.length ** k;
  }

  encodeContent(sequence: string): Int32Array {
    const out = new Int32Array(Math.max(0, sequence.length - this.k + 1));
    const base = this.letters.length;
    let count = 0;
    let code = 0;
    let run = 0;
    for (let i = 0; i < sequence.length; i += 1) {
      const c = sequence.charCodeAt(i);
      const letter = c < 128 ? this.lookup[c]! : -1;
      if (letter < 0) {
        run = 0;
        code = 0;
        continue;
      }
      code = (code * base + letter) % this.modulus;
      run += 1;
      if (run >= this.k) out[count++] = code;
    }
    if (count === 0) throw new TokenizeError('no_tokens', `sequence of length ${sequence.length} has no unambiguous ${this.k}-mer`);
    return out.subarray(0, count);
  }
}
