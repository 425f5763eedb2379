import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KMER_LETTERS, KmerTokenizer, type KmerAlphabet } from '../../main/models/tokenizers/kmer-tokenizer.ts';
import { TokenizeError } from '../../main/models/tokenizers/tokenizer.ts';
import { countKmers, kmerLookup } from '../../native/fit/kmer-profiles.ts';

/** The definition, written the slow obvious way: every window of k valid letters, read as a base-|letters| number. */
function referenceIds(sequence: string, k: number, alphabet: KmerAlphabet): number[] {
  const letters = KMER_LETTERS[alphabet];
  const normalized = alphabet === 'dna' ? sequence.toUpperCase().replace(/U/g, 'T') : sequence.toUpperCase();
  const ids: number[] = [];
  for (let i = 0; i + k <= normalized.length; i += 1) {
    const window = normalized.slice(i, i + k);
    if ([...window].every((c) => letters.includes(c))) ids.push([...window].reduce((id, c) => id * letters.length + letters.indexOf(c), 0));
  }
  return ids;
}

function thrown(action: () => unknown): TokenizeError {
  try {
    action();
  } catch (error) {
    if (error instanceof TokenizeError) return error;
    throw error;
  }
  throw new Error('expected a TokenizeError');
}

describe('k-mer tokenizer', () => {
  it('numbers DNA k-mers in base 4 with A=0, C=1, G=2, T=3 and skips k-mers with N', () => {
    const tokenizer = new KmerTokenizer({ k: 3, alphabet: 'dna' });
    // ACG = 0·16+1·4+2 = 6, CGT = 1·16+2·4+3 = 27; GTN, TNA, NAC hold the N; then ACG again.
    expect([...tokenizer.encodeContent('ACGTNACG')]).toEqual([6, 27, 6]);
    expect([...tokenizer.encodeContent('AAA')]).toEqual([0]);
    expect([...tokenizer.encodeContent('TTT')]).toEqual([63]);
  });

  it('reads U as T and lower case as upper case, and skips IUPAC codes', () => {
    const tokenizer = new KmerTokenizer({ k: 3, alphabet: 'dna' });
    expect([...tokenizer.encodeContent('acgu')]).toEqual([6, 27]);
    expect([...tokenizer.encodeContent('ACGRACG')]).toEqual([6, 6]);
    expect([...tokenizer.encodeContent('ACG-ACG')]).toEqual([6, 6]);
  });

  it('numbers protein k-mers in base 20 over ACDEFGHIKLMNPQRSTVWY and skips X, B, Z, J, U, O and *', () => {
    const tokenizer = new KmerTokenizer({ k: 2, alphabet: 'protein' });
    // M = 10, K = 8, V = 17: MK = 208, KV = 177.
    expect([...tokenizer.encodeContent('MKV')]).toEqual([208, 177]);
    expect([...tokenizer.encodeContent('MKXKV')]).toEqual([208, 177]);
    expect([...tokenizer.encodeContent('AUBZJO*AC')]).toEqual([1]);
    expect(thrown(() => tokenizer.encodeContent('XBZJUO*')).message).toBe('sequence of length 7 has no unambiguous 2-mer (k-mers with X, B, Z, J, U, O or * are skipped)');
  });

  it('has no special tokens and pads with 0', () => {
    const tokenizer = new KmerTokenizer({ k: 6, alphabet: 'dna' });
    expect(tokenizer.prefix).toEqual([]);
    expect(tokenizer.suffix).toEqual([]);
    expect(tokenizer.padId).toBe(0);
    expect(tokenizer.vocabSize).toBe(4096);
  });

  it('throws no_tokens when no unambiguous k-mer exists', () => {
    const tokenizer = new KmerTokenizer({ k: 4, alphabet: 'dna' });
    expect(thrown(() => tokenizer.encodeContent('ACG')).code).toBe('no_tokens');
    expect(thrown(() => tokenizer.encodeContent('ACGNACGNNNNN')).message).toBe('sequence of length 12 has no unambiguous 4-mer (k-mers with N or other ambiguity codes are skipped)');
    expect(thrown(() => tokenizer.encodeContent('')).code).toBe('no_tokens');
  });

  it('refuses k whose ids would not fit in int32', () => {
    expect(() => new KmerTokenizer({ k: 8, alphabet: 'dna' })).not.toThrow();
    expect(() => new KmerTokenizer({ k: 7, alphabet: 'protein' })).not.toThrow();
    expect(thrown(() => new KmerTokenizer({ k: 8, alphabet: 'protein' })).code).toBe('bad_tokenizer');
  });

  it('matches the definition on random sequences', () => {
    const cases = fc.record({
      alphabet: fc.constantFrom<KmerAlphabet>('dna', 'protein'),
      k: fc.integer({ min: 1, max: 6 }),
      letters: fc.array(fc.constantFrom(...'ACGTUNRacgtnMKVWYXBZ*-'), { minLength: 0, maxLength: 300 }),
    });
    fc.assert(
      fc.property(cases, ({ alphabet, k, letters }) => {
        const sequence = letters.join('');
        const expected = referenceIds(sequence, k, alphabet);
        const tokenizer = new KmerTokenizer({ k, alphabet });
        if (expected.length === 0) expect(() => tokenizer.encodeContent(sequence)).toThrow(TokenizeError);
        else expect([...tokenizer.encodeContent(sequence)]).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the ids the bundled k-mer models were fitted with', () => {
    const sequence = 'ACGTTGCANNACGTACGGATTACA'.repeat(5);
    for (const [alphabet, k] of [['dna', 6], ['protein', 3]] as const) {
      const letters = KMER_LETTERS[alphabet];
      const fitted = new Float32Array(letters.length ** k);
      const counted = countKmers(sequence, k, kmerLookup(letters), letters.length, fitted);
      const ours = new Float32Array(letters.length ** k);
      const ids = new KmerTokenizer({ k, alphabet }).encodeContent(sequence);
      for (const id of ids) ours[id]! += 1;
      expect(ids.length).toBe(counted);
      expect(ours).toEqual(fitted);
    }
  });
});
