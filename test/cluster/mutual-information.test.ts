import { describe, expect, it } from 'vitest';
import { normalizedMutualInfo } from '../../main/cluster/mutual-information.ts';

describe('normalizedMutualInfo', () => {
  it('is 1 for identical partitions whatever the label names', () => {
    expect(normalizedMutualInfo([0, 0, 1, 1, 2], [5, 5, 3, 3, -1])).toBeCloseTo(1, 12);
  });

  it('is 0 for independent partitions', () => {
    expect(normalizedMutualInfo([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(0, 12);
  });

  it('matches a hand-computed value', () => {
    // H(a) = ln 2, H(b) = ln 3; the cells (0,0) and (1,2) hold 1/3 each with ratio 2, the cells (0,1) and (1,1)
    // 1/6 each with ratio 1, so I = 2 · (1/3) ln 2 = (2/3) ln 2.
    const expected = ((2 / 3) * Math.log(2)) / ((Math.log(2) + Math.log(3)) / 2);
    expect(normalizedMutualInfo([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2])).toBeCloseTo(expected, 12);
  });

  it('scores two single-group labelings 1 and refuses different lengths', () => {
    expect(normalizedMutualInfo([1, 1, 1], [0, 0, 0])).toBe(1);
    expect(() => normalizedMutualInfo([1], [1, 2])).toThrow(RangeError);
  });
});
