import { describe, expect, it } from 'vitest';
import { adjustedRandIndex } from '../../main/cluster/metrics.ts';

describe('adjustedRandIndex', () => {
  it('is 1 for identical partitions whatever the label names', () => {
    expect(adjustedRandIndex([0, 0, 1, 1, 2], [5, 5, 3, 3, -1])).toBe(1);
  });
  it('matches a hand-computed value', () => {
    // Contingency [[2,1],[0,2]]: index 1+1, row pairs 3+1, column pairs 1+3, 10 pairs → (2 − 1.6)/(4 − 1.6) = 1/6.
    expect(adjustedRandIndex([0, 0, 0, 1, 1], [0, 0, 1, 1, 1])).toBeCloseTo(1 / 6, 12);
  });
  it('rejects labelings of different lengths', () => {
    expect(() => adjustedRandIndex([0], [0, 1])).toThrow(RangeError);
  });
});
