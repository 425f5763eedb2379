import { describe, expect, it } from 'vitest';
import { trustworthiness } from '../../main/map/trustworthiness.ts';
import { seededRandom } from '../cluster/synthetic-data.ts';

describe('trustworthiness', () => {
  const n = 40;
  const random = seededRandom(9);
  const line = Float32Array.from({ length: n * 2 }, (_, i) => (i % 2 === 0 ? i : 0));

  it('is 1 for a map that keeps every neighbourhood', () => {
    expect(trustworthiness(line, 2, line, 2, n, 5, 'euclidean')).toBeCloseTo(1, 10);
  });

  it('drops for a shuffled map, and matches a hand-computed case', () => {
    const shuffled = Float32Array.from({ length: n * 2 }, () => random());
    expect(trustworthiness(line, 2, shuffled, 2, n, 5, 'euclidean')).toBeLessThan(0.8);
    // Points at 0 1 3 6 10 15 (no tied distances); the map swaps the two ends. Untrusted map neighbours (k = 1):
    // point 0 → 4 (original rank 4), 1 → 5 (rank 5), 5 → 1 (rank 4); penalty (4-1) + (5-1) + (4-1) = 10.
    const original = Float32Array.of(0, 1, 3, 6, 10, 15);
    const mapped = Float32Array.of(15, 1, 3, 6, 10, 0);
    expect(trustworthiness(original, 1, mapped, 1, 6, 1, 'euclidean')).toBeCloseTo(1 - (2 / (6 * 1 * (12 - 3 - 1))) * 10, 10);
  });
});
