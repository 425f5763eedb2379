import { readVocabFile, requireToken, vocabFromTokens, type Vocab } from './vocab-file.ts';
import { TokenizeError, type Tokenizer } from './tokenizer.ts';

const NT_LETTERS = 'ATCG';

/**
 * The Nucleotide Transformer vocabulary, for nt6 bundles that ship no vocab.txt (a shipped vocab.txt always wins):
 * `<unk>, <pad>, <mask>, <cls>, <eos>, <bos>`, the 4,096 6-mers, then `A, T, C, G, N` (4,107 tokens).
 * Where this order comes from:
 * - the 6-mers: InstaDeep's reference code (github.com/instadeepai/nucleotide-transformer,
 *   nucleotide_transformer/tokenizers.py `_compute_k_mers`, constants.py `NUCLEOTIDES = ["A", "T", "C", "G"]`)
 *   enumerates them with itertools.product over A, T, C, G: AAAAAA, AAAAAT, AAAAAC, AAAAAG, AAAATA, …
 * - the specials' positions: that JAX code puts `<eos>, <bos>` LAST (after N), but the Hugging Face checkpoints
 *   (InstaDeepAI/nucleotide-transformer-*) put all six specials first; a public walkthrough of the HF tokenizer of
 *   nucleotide-transformer-v2-50m-multi-species shows <pad> = 1, <cls> = 3, AAAAAA = 6, A = 4102 … N = 4106, which
 *   is this order. We could not read an HF vocab.txt itself here, so the order of the 6-mers in the HF file is
 *   inferred (AAAAAA = 6 and the JAX enumeration), not confirmed line by line. ONNX exports come from the HF
 *   checkpoints; ship their vocab.txt in the bundle to be certain.
 */
export function defaultNtVocab(): Vocab {
  const tokens = ['<unk>', '<pad>', '<mask>', '<cls>', '<eos>', '<bos>'];
  for (let i = 0; i < 4096; i += 1) {
    let kmer = '';
    for (let shift = 10; shift >= 0; shift -= 2) kmer += NT_LETTERS[(i >> shift) & 3];
    tokens.push(kmer);
  }
  tokens.push('A', 'T', 'C', 'G', 'N');
  return vocabFromTokens(tokens);
}

/**
 * Nucleotide Transformer tokenization: non-overlapping 6-mers from the left; at any position where a full 6-mer of
 * A/C/G/T cannot be formed (an N or other code inside it, or fewer than six bases left) ONE base is emitted as a
 * single-nucleotide token and the scan moves on by one, so 6-mers resume right after the offending base:
 * `ACGTNACGTACGTA` → A C G T N ACGTAC G T A. For A/C/G/T/N input this equals InstaDeep's rule (split at each N, cut
 * each stretch into 6-mers from its start, leftover bases one by one; tokenizers.py `NucleotidesKmersTokenizer`)
 * and the HF tokenizer's greedy longest match. Other IUPAC codes have no single-letter token: they become one
 * `<unk>` each, as in the HF tokenizer (the JAX code would turn the whole 6-letter piece into one `<unk>`).
 * Lower case is read as upper case and U as T. NT v1 adds only `<cls>` in front, no end token.
 */
export class Nt6Tokenizer implements Tokenizer {
  readonly kind = 'nt6';
  readonly padId: number;
  readonly prefix: readonly number[];
  readonly suffix: readonly number[] = [];
  private readonly unkId: number;
  /** char code → 0..3 for A, C, G, T (U as T, either case), -1 otherwise. */
  private readonly baseValue = new Int8Array(128).fill(-1);
  /** 6-mer code (A=0, C=1, G=2, T=3, first base most significant) → vocabulary id. */
  private readonly kmerIds = new Int32Array(4096);
  /** char code → id of the single-letter token (upper-cased), `<unk>` where the vocabulary has none. */
  private readonly singleIds = new Int32Array(128);

  constructor(vocab: Vocab, source: string) {
    this.padId = requireToken(vocab, '<pad>', source);
    this.prefix = [requireToken(vocab, '<cls>', source)];
    this.unkId = requireToken(vocab, '<unk>', source);
    const order = 'ACGT';
    for (let i = 0; i < 4; i += 1) this.baseValue[order.charCodeAt(i)] = this.baseValue[order.toLowerCase().charCodeAt(i)] = i;
    this.baseValue['U'.charCodeAt(0)] = this.baseValue['u'.charCodeAt(0)] = 3;
    for (let code = 0; code < 4096; code += 1) {
      let kmer = '';
      for (let shift = 10; shift >= 0; shift -= 2) kmer += order[(code >> shift) & 3];
      this.kmerIds[code] = vocab.get(kmer) ?? this.unkId;
    }
    for (let c = 0; c < 128; c += 1) {
      const letter = String.fromCharCode(c).toUpperCase();
      this.singleIds[c] = vocab.get(letter === 'U' ? 'T' : letter) ?? this.unkId;
    }
  }

  static async load(vocabPath?: string): Promise<Nt6Tokenizer> {
    if (!vocabPath) return new Nt6Tokenizer(defaultNtVocab(), 'built-in Nucleotide Transformer vocabulary');
    return new Nt6Tokenizer(await readVocabFile(vocabPath), vocabPath);
  }

  encodeContent(sequence: string): Int32Array {
    const n = sequence.length;
    if (n === 0) throw new TokenizeError('no_tokens', 'empty sequence');
    const out = new Int32Array(n);
    let count = 0;
    let i = 0;
    while (i < n) {
      let code = 0;
      let j = i;
      for (; j < i + 6 && j < n; j += 1) {
        const c = sequence.charCodeAt(j);
        const value = c < 128 ? this.baseValue[c]! : -1;
        if (value < 0) break;
        code = (code << 2) | value;
      }
      if (j === i + 6) {
        out[count++] = this.kmerIds[code]!;
        i = j;
        continue;
      }
      // No 6-mer starts at i, nor at any position up to the base that broke it (or the end): all go out as singles.
      const last = j < n ? j : n - 1;
      for (; i <= last; i += 1) {
        const c = sequence.charCodeAt(i);
        out[count++] = c < 128 ? this.singleIds[c]! : this.unkId;
      }
    }
    return out.subarray(0, count);
  }
}
