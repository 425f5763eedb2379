import { describe, expect, it } from 'vitest';
import { LookupInputError, ReferenceMatrix, reliabilityIndex } from '../../main/lookup/index.ts';

describe('ReferenceMatrix', () => {
  it('normalises a copy of the rows for cosine and leaves the caller’s array alone', () => {
    const rows = Float32Array.of(3, 4, 0, 0, 0, 2);
    const matrix = ReferenceMatrix.fromRows(rows, 3, 2, 'cosine');
    expect(Array.from(matrix.chunk(0, 3))).toEqual([0.6000000238418579, 0.800000011920929, 0, 0, 0, 1]);
    expect(Array.from(rows)).toEqual([3, 4, 0, 0, 0, 2]);
    expect(matrix.count).toBe(3);
    expect(matrix.dim).toBe(2);
  });

  it('keeps euclidean rows as given and returns chunks as row ranges', () => {
    const matrix = ReferenceMatrix.fromRows(Float32Array.of(1, 2, 3, 4, 5, 6), 3, 2, 'euclidean');
    expect(Array.from(matrix.chunk(1, 3))).toEqual([3, 4, 5, 6]);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('rejects %s with a typed one-line error naming the row', (bad) => {
    const rows = new Float32Array(4 * 3).fill(1);
    rows[2 * 3 + 1] = bad;
    const error = (() => {
      try {
        ReferenceMatrix.fromRows(rows, 4, 3, 'euclidean');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(LookupInputError);
    expect((error as LookupInputError).problem).toBe('non_finite');
    expect((error as Error).message).toMatch(/reference row 2 .*dimension 1/);
  });

  it('rejects a buffer that does not hold count × dim values', () => {
    expect(() => ReferenceMatrix.fromRows(new Float32Array(7), 2, 4, 'cosine')).toThrow(/7 values, expected 2 rows × 4 dims = 8/);
  });
});

describe('reliabilityIndex', () => {
  it('is 1 - d for cosine and 0.5 / (0.5 + d) for euclidean', () => {
    expect(reliabilityIndex(0.25, 'cosine')).toBe(0.75);
    expect(reliabilityIndex(0, 'cosine')).toBe(1);
    expect(reliabilityIndex(0.5, 'euclidean')).toBe(0.5);
    expect(reliabilityIndex(1.5, 'euclidean')).toBe(0.25);
    expect(reliabilityIndex(0, 'euclidean')).toBe(1);
  });
});
