import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultNtVocab, Nt6Tokenizer } from '../../main/models/tokenizers/nt6-tokenizer.ts';
import { TokenizeError } from '../../main/models/tokenizers/tokenizer.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();

/** 6-mer id in the default vocabulary: 6 + its index in itertools.product('ATCG', repeat=6). */
const kmerId = (kmer: string) => 6 + [...kmer].reduce((index, c) => index * 4 + 'ATCG'.indexOf(c), 0);
const [A, T, C, G, N] = [4102, 4103, 4104, 4105, 4106];

/** InstaDeep's rule as its reference code states it: split at N, cut each stretch into 6-mers from its start, leftovers one by one. */
function instadeepTokens(sequence: string): string[] {
  const tokens: string[] = [];
  sequence.split('N').forEach((stretch, index) => {
    if (index > 0) tokens.push('N');
    const whole = stretch.length - (stretch.length % 6);
    for (let i = 0; i < whole; i += 6) tokens.push(stretch.slice(i, i + 6));
    tokens.push(...stretch.slice(whole));
  });
  return tokens;
}

describe('Nucleotide Transformer 6-mer tokenizer', () => {
  it('uses the NT vocabulary by default: specials first, 4,096 6-mers, then A T C G N', async () => {
    const vocab = defaultNtVocab();
    expect(vocab.size).toBe(4107);
    expect(['<unk>', '<pad>', '<mask>', '<cls>', '<eos>', '<bos>', 'AAAAAA', 'AAAAAT', 'AAAAAC', 'AAAAAG', 'AAAATA', 'GGGGGG', 'A', 'N'].map((t) => vocab.get(t)))
      .toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 4101, 4102, 4106]);
    const tokenizer = await Nt6Tokenizer.load();
    expect(tokenizer.prefix).toEqual([3]);
    expect(tokenizer.suffix).toEqual([]);
    expect(tokenizer.padId).toBe(1);
  });

  it('cuts 6-mers from the left and emits leftover bases one by one', async () => {
    const tokenizer = await Nt6Tokenizer.load();
    expect([...tokenizer.encodeContent('AAAAAAT')]).toEqual([kmerId('AAAAAA'), T]);
    expect([...tokenizer.encodeContent('TAAAAAA')]).toEqual([kmerId('TAAAAA'), A]);
    expect([...tokenizer.encodeContent('ACGTACGT')]).toEqual([kmerId('ACGTAC'), G, T]);
    expect([...tokenizer.encodeContent('ACG')]).toEqual([A, C, G]);
  });

  it('falls back to single bases up to an N and resumes 6-mers right after it', async () => {
    const tokenizer = await Nt6Tokenizer.load();
    expect([...tokenizer.encodeContent('ACGTNACGTACGTA')]).toEqual([A, C, G, T, N, kmerId('ACGTAC'), G, T, A]);
    expect([...tokenizer.encodeContent('ACGTACNGGGGGG')]).toEqual([kmerId('ACGTAC'), N, kmerId('GGGGGG')]);
    expect([...tokenizer.encodeContent('NNAAAAAA')]).toEqual([N, N, kmerId('AAAAAA')]);
  });

  it('turns other IUPAC codes into <unk>, reads lower case and U', async () => {
    const tokenizer = await Nt6Tokenizer.load();
    expect([...tokenizer.encodeContent('ACGRTACGTA')]).toEqual([A, C, G, 0, kmerId('TACGTA')]);
    expect([...tokenizer.encodeContent('acguacn')]).toEqual([kmerId('ACGTAC'), N]);
  });

  it('agrees with InstaDeep\'s rule on random A/C/G/T/N sequences', async () => {
    const tokenizer = await Nt6Tokenizer.load();
    const vocab = defaultNtVocab();
    fc.assert(
      fc.property(fc.array(fc.constantFrom('A', 'C', 'G', 'T', 'N'), { minLength: 1, maxLength: 200 }), (letters) => {
        const sequence = letters.join('');
        expect([...tokenizer.encodeContent(sequence)]).toEqual(instadeepTokens(sequence).map((t) => vocab.get(t)));
      }),
      { numRuns: 300 },
    );
  });

  it('reads ids from a vocab.txt; 6-mers it lacks become <unk>', async () => {
    const dir = await tempDir();
    const path = join(dir, 'vocab.txt');
    await writeFile(path, ['<pad>', '<unk>', '<cls>', 'A', 'C', 'G', 'T', 'N', 'ACGTAC', ''].join('\n'));
    const tokenizer = await Nt6Tokenizer.load(path);
    expect(tokenizer.padId).toBe(0);
    expect(tokenizer.prefix).toEqual([2]);
    expect([...tokenizer.encodeContent('ACGTACGGGGGGT')]).toEqual([8, 1, 6]);
  });

  it('rejects a vocab.txt without the tokens it needs, naming the file', async () => {
    const dir = await tempDir();
    const path = join(dir, 'vocab.txt');
    await writeFile(path, '<pad>\n<unk>\nA\n');
    await expect(Nt6Tokenizer.load(path)).rejects.toThrow(new TokenizeError('bad_vocab', `${path}: the vocabulary has no <cls> token`));
  });

  it('throws no_tokens on an empty sequence', async () => {
    const tokenizer = await Nt6Tokenizer.load();
    expect(() => tokenizer.encodeContent('')).toThrow(TokenizeError);
  });
});
