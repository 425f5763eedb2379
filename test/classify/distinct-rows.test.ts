import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distinctRows } from '../../main/classify/distinct-rows.ts';

describe('distinct rows', () => {
  it('groups bit-identical rows under their first appearance, and only those', () => {
    const rows = [[1, 2], [3, 4], [1, 2], [1, 2.0000002], [3, 4], [-0, 0], [0, 0]];
    const { first, groupOf } = distinctRows(Float32Array.from(rows.flat()), null, rows.length, 2);
    expect([...first]).toEqual([0, 1, 3, 5, 6]);
    expect([...groupOf]).toEqual([0, 1, 0, 2, 1, 3, 4]);
  });

  it('keeps rows apart whose reverse strands differ, though their own rows agree', () => {
    const forward = Float32Array.from([1, 2, 1, 2, 1, 2]);
    const reverse = Float32Array.from([5, 6, 7, 8, 5, 6]);
    expect([...distinctRows(forward, reverse, 3, 2).groupOf]).toEqual([0, 1, 0]);
  });

  it('maps every row to a first row of exactly its content (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 200 }), (labels) => {
        // Rows drawn from four contents, so repeats are common.
        const vectors = Float32Array.from(labels.flatMap((label) => [label, label * 2, 7]));
        const { first, groupOf } = distinctRows(vectors, null, labels.length, 3);
        return new Set(labels).size === first.length && labels.every((label, row) => labels[first[groupOf[row]!]!] === label);
      }),
    );
  });
});
