import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortRowsInPlace } from '../../main/store/rows-in-order.ts';

describe('sorting a block of vectors by record, in place', () => {
  it('gives the rows a sorted copy would, ties in their first order, and the order it applied (fast-check)', () => {
    const block = fc.integer({ min: 1, max: 4 }).chain((dim) =>
      fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.array(fc.float({ noNaN: true }), { minLength: dim, maxLength: dim })), { maxLength: 40 }).map((rows) => ({ dim, rows })));
    fc.assert(fc.property(block, ({ dim, rows }) => {
      const values = Float32Array.from(rows.flatMap(([, vector]) => vector));
      const keys = rows.map(([key]) => key);
      const expected = rows.map((row, i) => ({ row, i })).sort((a, b) => a.row[0] - b.row[0] || a.i - b.i);
      const order = sortRowsInPlace(values, dim, keys);
      expect([...order]).toEqual(expected.map(({ i }) => i));
      expect(values).toEqual(Float32Array.from(expected.flatMap(({ row }) => row[1])));
    }), { numRuns: 300 });
  });
});
