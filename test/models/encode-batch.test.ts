import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkContent, encodeBatch } from '../../main/models/encode-batch.ts';
import { EngineError } from '../../main/shared/engine-error.ts';

const esmLike = { prefix: [0], suffix: [2], padId: 1 };
const rows = (...lists: number[][]) => lists.map((list) => Int32Array.from(list));

describe('encodeBatch', () => {
  it('frames each row with the specials and pads to the longest row of the batch', () => {
    const encoded = encodeBatch(rows([5, 6, 7], [8]), esmLike);
    expect([encoded.batch, encoded.tokens]).toEqual([2, 5]);
    expect([...encoded.inputIds]).toEqual([0n, 5n, 6n, 7n, 2n, /**/ 0n, 8n, 2n, 1n, 1n]);
    expect([...encoded.attentionMask]).toEqual([1n, 1n, 1n, 1n, 1n, /**/ 1n, 1n, 1n, 0n, 0n]);
    expect([...encoded.contentMask]).toEqual([0, 1, 1, 1, 0, /**/ 0, 1, 0, 0, 0]);
  });

  it('adds nothing for a tokenizer without specials', () => {
    const encoded = encodeBatch(rows([3, 4], [9, 9, 9]), { prefix: [], suffix: [], padId: 0 });
    expect(encoded.tokens).toBe(3);
    expect([...encoded.inputIds]).toEqual([3n, 4n, 0n, 9n, 9n, 9n]);
    expect([...encoded.attentionMask]).toEqual([1n, 1n, 0n, 1n, 1n, 1n]);
    expect([...encoded.contentMask]).toEqual([1, 1, 0, 1, 1, 1]);
  });

  it('writes the full int64 value of large ids and pad ids', () => {
    const big = 2 ** 31 - 1;
    const encoded = encodeBatch(rows([big, 0], [7]), { prefix: [4101], suffix: [], padId: 4106 });
    expect([...encoded.inputIds]).toEqual([4101n, BigInt(big), 0n, 4101n, 7n, 4106n]);
  });

  it('matches a row-by-row construction on random batches', () => {
    const batches = fc.array(fc.array(fc.integer({ min: 0, max: 70_000 }), { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(batches, fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 2 }), fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 2 }), (lists, prefix, suffix) => {
        const encoded = encodeBatch(rows(...lists), { prefix, suffix, padId: 1 });
        const width = prefix.length + Math.max(...lists.map((l) => l.length)) + suffix.length;
        const ids: bigint[] = [];
        const content: number[] = [];
        for (const list of lists) {
          const framed = [...prefix, ...list, ...suffix];
          ids.push(...framed.map(BigInt), ...Array<bigint>(width - framed.length).fill(1n));
          content.push(...prefix.map(() => 0), ...list.map(() => 1), ...Array<number>(width - list.length - prefix.length).fill(0));
        }
        expect([...encoded.inputIds]).toEqual(ids);
        expect([...encoded.contentMask]).toEqual(content);
      }),
      { numRuns: 200 },
    );
  });
});

describe('chunkContent', () => {
  it('returns content that fits as one window', () => {
    const ids = Int32Array.from([1, 2, 3, 4]);
    expect(chunkContent(ids, 6, [0], [2]).map((c) => [...c])).toEqual([[1, 2, 3, 4]]);
  });

  it('splits longer content into consecutive windows that fit beside the specials', () => {
    const ids = Int32Array.from({ length: 10 }, (_, i) => i);
    // Room for 4 content tokens per window.
    expect(chunkContent(ids, 6, [0], [2]).map((c) => [...c])).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);
    expect(chunkContent(ids, 5, [], []).map((c) => c.length)).toEqual([5, 5]);
  });

  it('keeps every token, in order, in windows that fit, on random lengths', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 3, max: 600 }), (length, maxTokens) => {
        const ids = Int32Array.from({ length }, (_, i) => i);
        const chunks = chunkContent(ids, maxTokens, [0], [2]);
        const lengths = chunks.map((c) => c.length);
        expect(chunks.flatMap((c) => [...c])).toEqual([...ids]);
        expect(lengths.slice(0, -1).every((l) => l === maxTokens - 2)).toBe(true);
        expect(lengths.at(-1)).toBeGreaterThan(0);
        expect(lengths.at(-1)).toBeLessThanOrEqual(maxTokens - 2);
        expect(chunks.length).toBe(Math.ceil(length / (maxTokens - 2)));
      }),
      { numRuns: 300 },
    );
  });

  it('rejects a maxTokens that leaves no room for content', () => {
    expect(() => chunkContent(Int32Array.from([1]), 2, [0], [2])).toThrow(EngineError);
    expect(() => chunkContent(Int32Array.from([1]), 2, [0], [2])).toThrow("maxTokens 2 leaves no room for content beside the tokenizer's 2 special tokens");
  });
});
