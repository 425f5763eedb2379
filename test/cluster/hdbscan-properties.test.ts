import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hdbscan } from '../../main/cluster/hdbscan.ts';
import { blobs } from './synthetic-data.ts';

/** The same points padded with zero coordinates up to `dim`: distances are unchanged, but dim > 8 takes the exhaustive path. */
function padded(points: Float32Array, n: number, from: number, to: number): Float32Array {
  const out = new Float32Array(n * to);
  for (let i = 0; i < n; i++) for (let d = 0; d < from; d++) out[i * to + d] = points[i * from + d]!;
  return out;
}

describe('hdbscan invariants', () => {
  it('k-d tree and exhaustive paths give identical results on the same geometry', () => {
    const set = blobs([
      { center: [0, 0], spread: 1, count: 120 },
      { center: [7, 1], spread: 0.6, count: 90 },
      { center: [3, 9], spread: 1.4, count: 90 },
    ], 21);
    for (const minSamples of [1, 6]) {
      const options = { minClusterSize: 12, minSamples };
      const low = hdbscan(set.points, set.n, 2, options);
      const high = hdbscan(padded(set.points, set.n, 2, 12), set.n, 12, options);
      expect(low.clusterCount).toBeGreaterThanOrEqual(2);
      expect(high.clusterCount).toBe(low.clusterCount);
      expect([...high.labels]).toEqual([...low.labels]);
      // With minSamples > 1 many mutual-reachability weights tie at a core distance; the two MSTs
      // may then sequence tied merges differently, which moves λ_max but not the partition.
      if (minSamples > 1) continue;
      for (let i = 0; i < set.n; i++) {
        expect(high.probabilities[i]).toBeCloseTo(low.probabilities[i]!, 5);
        expect(high.outlierScores[i]).toBeCloseTo(low.outlierScores[i]!, 5);
      }
    }
  });

  it('labels, probabilities and scores are well-formed on arbitrary small inputs', () => {
    const input = fc.record({
      n: fc.integer({ min: 0, max: 60 }),
      dim: fc.integer({ min: 1, max: 10 }),
      minClusterSize: fc.integer({ min: 2, max: 8 }),
      minSamples: fc.integer({ min: 1, max: 10 }),
      selection: fc.constantFrom('eom' as const, 'leaf' as const),
      epsilon: fc.constantFrom(0, 0.5, 3),
      grid: fc.constantFrom(0, 3),
      seed: fc.integer(),
    });
    fc.assert(fc.property(input, ({ n, dim, minClusterSize, minSamples, selection, epsilon, grid, seed }) => {
      let state = seed >>> 0;
      const next = (): number => { state = (Math.imul(state, 1664525) + 1013904223) >>> 0; return state / 4294967296; };
      // grid 3 makes many duplicates and tied distances.
      const points = Float32Array.from({ length: n * dim }, () => (grid ? Math.floor(next() * grid) : next() * 10));
      const result = hdbscan(points, n, dim, { minClusterSize, minSamples, selection, clusterSelectionEpsilon: epsilon });
      const members = new Array<number>(result.clusterCount).fill(0);
      for (let i = 0; i < n; i++) {
        const label = result.labels[i]!;
        expect(label).toBeGreaterThanOrEqual(-1);
        expect(label).toBeLessThan(result.clusterCount);
        if (label >= 0) members[label]!++;
        else expect(result.probabilities[i]).toBe(0);
        expect(result.probabilities[i]! >= 0 && result.probabilities[i]! <= 1).toBe(true);
        expect(result.outlierScores[i]! >= 0 && result.outlierScores[i]! <= 1).toBe(true);
      }
      for (const count of members) expect(count).toBeGreaterThanOrEqual(minClusterSize);
    }), { numRuns: 200, seed: 7 });
  });
});
