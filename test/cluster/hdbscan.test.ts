import { describe, expect, it } from 'vitest';
import { ClusterInputError } from '../../main/cluster/errors.ts';
import { hdbscan } from '../../main/cluster/hdbscan.ts';
import { adjustedRandIndex } from '../../main/cluster/metrics.ts';
import { blobs, twoMoons, withUniformNoise } from './synthetic-data.ts';

function expectFiniteOutputs(result: ReturnType<typeof hdbscan>): void {
  for (const p of result.probabilities) expect(p >= 0 && p <= 1).toBe(true);
  for (const s of result.outlierScores) expect(s >= 0 && s <= 1).toBe(true);
}

describe('hdbscan on hand-checkable cases', () => {
  const twoGroupsAndALoner = new Float32Array([0, 0.1, 0.2, 0.3, 0.4, 10, 10.1, 10.2, 10.3, 10.4, 100]);

  it('finds two tight 1-D groups and leaves the far point as noise', () => {
    const result = hdbscan(twoGroupsAndALoner, 11, 1, { minClusterSize: 3 });
    expect(result.clusterCount).toBe(2);
    expect([...result.labels]).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, -1]);
    expect(result.probabilities[10]).toBe(0);
    expectFiniteOutputs(result);
  });

  it('gives the lone far point the highest GLOSH score and group centres full membership', () => {
    const result = hdbscan(twoGroupsAndALoner, 11, 1, { minClusterSize: 3 });
    const loner = result.outlierScores[10]!;
    for (let i = 0; i < 10; i++) expect(result.outlierScores[i]!).toBeLessThan(loner);
    expect(loner).toBeGreaterThan(0.9);
    expect(result.probabilities[2]).toBe(1);
    expect(result.probabilities[7]).toBe(1);
  });

  it('numbers clusters the same way whatever order the groups come in', () => {
    const swapped = new Float32Array([10, 10.1, 10.2, 10.3, 10.4, 0, 0.1, 0.2, 0.3, 0.4, 100]);
    const result = hdbscan(swapped, 11, 1, { minClusterSize: 3 });
    const again = hdbscan(swapped, 11, 1, { minClusterSize: 3 });
    expect([...result.labels]).toEqual([...again.labels]);
    expect(new Set(result.labels.subarray(0, 5)).size).toBe(1);
    expect(new Set(result.labels.subarray(5, 10)).size).toBe(1);
    expect(result.labels[0]).not.toBe(result.labels[5]);
  });
});

describe('hdbscan on synthetic data', () => {
  it('recovers four seeded Gaussian blobs exactly', () => {
    const set = blobs([
      { center: [0, 0], spread: 1, count: 100 },
      { center: [12, 0], spread: 1, count: 80 },
      { center: [0, 12], spread: 1, count: 120 },
      { center: [12, 12], spread: 1, count: 100 },
    ], 11);
    const result = hdbscan(set.points, set.n, set.dim, { minClusterSize: 10 });
    expect(result.clusterCount).toBe(4);
    expect(adjustedRandIndex(result.labels, set.truth)).toBeGreaterThanOrEqual(0.95);
    expectFiniteOutputs(result);
  });

  it('recovers blobs in 16 dimensions through the exhaustive path', () => {
    const center = (v: number): number[] => Array.from({ length: 16 }, (_, d) => (d % 2 === 0 ? v : -v));
    const set = blobs([
      { center: center(0), spread: 1, count: 100 },
      { center: center(6), spread: 1, count: 100 },
      { center: center(-6), spread: 1, count: 100 },
    ], 12);
    const result = hdbscan(set.points, set.n, set.dim, { minClusterSize: 10 });
    expect(result.clusterCount).toBe(3);
    expect(adjustedRandIndex(result.labels, set.truth)).toBeGreaterThanOrEqual(0.95);
  });

  it('separates two noisy moons', () => {
    const set = twoMoons(250, 0.06, 13);
    const result = hdbscan(set.points, set.n, set.dim, { minClusterSize: 15 });
    expect(result.clusterCount).toBe(2);
    expect(adjustedRandIndex(result.labels, set.truth)).toBeGreaterThanOrEqual(0.9);
  });

  it('finds blobs of very different density', () => {
    const set = blobs([
      { center: [0, 0], spread: 0.2, count: 150 },
      { center: [10, 0], spread: 1.5, count: 150 },
      { center: [0, 15], spread: 3, count: 150 },
    ], 14);
    const result = hdbscan(set.points, set.n, set.dim, { minClusterSize: 15 });
    expect(result.clusterCount).toBe(3);
    expect(adjustedRandIndex(result.labels, set.truth)).toBeGreaterThanOrEqual(0.9);
  });

  it('labels most uniform background points as noise', () => {
    const set = withUniformNoise(blobs([
      { center: [0, 0], spread: 0.5, count: 200 },
      { center: [10, 10], spread: 0.5, count: 200 },
    ], 15), 100, -10, 20, 16);
    const result = hdbscan(set.points, set.n, set.dim, { minClusterSize: 15 });
    expect(result.clusterCount).toBe(2);
    let backgroundNoise = 0;
    for (let i = 400; i < set.n; i++) if (result.labels[i] === -1) backgroundNoise++;
    // Background points near a blob join it (they fall out after the blob is born), as in the reference.
    expect(backgroundNoise).toBeGreaterThanOrEqual(60);
    // Background points are the outliers: their mean GLOSH score exceeds the blobs'.
    const mean = (from: number, to: number): number => {
      let s = 0;
      for (let i = from; i < to; i++) s += result.outlierScores[i]!;
      return s / (to - from);
    };
    expect(mean(400, set.n)).toBeGreaterThan(mean(0, 400));
  });
});

describe('hdbscan selection options', () => {
  // One wide group made of two tight sub-groups, plus a second wide group far away.
  const nested = blobs([
    { center: [0, 0], spread: 0.3, count: 60 },
    { center: [1.5, 0], spread: 0.3, count: 60 },
    { center: [40, 0], spread: 0.3, count: 120 },
  ], 17);

  it('leaf selection splits the nested sub-groups that excess of mass keeps together', () => {
    const eom = hdbscan(nested.points, nested.n, 2, { minClusterSize: 30 });
    const leaf = hdbscan(nested.points, nested.n, 2, { minClusterSize: 30, selection: 'leaf' });
    expect(eom.clusterCount).toBe(2);
    expect(leaf.clusterCount).toBe(3);
    expect(eom.labels[0]).toBe(eom.labels[60]);
    expect(leaf.labels[0]).not.toBe(leaf.labels[60]);
    // The touching sub-groups lose some border points to noise under leaf selection.
    expect(adjustedRandIndex(leaf.labels, nested.truth)).toBeGreaterThanOrEqual(0.85);
  });

  it('epsilon merges clusters that split below that distance', () => {
    const leafOnly = hdbscan(nested.points, nested.n, 2, { minClusterSize: 30, selection: 'leaf' });
    const merged = hdbscan(nested.points, nested.n, 2, { minClusterSize: 30, selection: 'leaf', clusterSelectionEpsilon: 5 });
    expect(leafOnly.clusterCount).toBe(3);
    expect(merged.clusterCount).toBe(2);
    expect(merged.labels[0]).toBe(merged.labels[60]);
    expect(merged.labels[0]).not.toBe(merged.labels[200]);
  });

  it('epsilon also merges excess-of-mass clusters, but never above its own scale', () => {
    const pairs = blobs([
      { center: [0, 0], spread: 0.3, count: 50 },
      { center: [4, 0], spread: 0.3, count: 50 },
      { center: [40, 0], spread: 0.3, count: 50 },
      { center: [44, 0], spread: 0.3, count: 50 },
    ], 19);
    expect(hdbscan(pairs.points, pairs.n, 2, { minClusterSize: 20 }).clusterCount).toBe(4);
    const merged = hdbscan(pairs.points, pairs.n, 2, { minClusterSize: 20, clusterSelectionEpsilon: 6 });
    expect(merged.clusterCount).toBe(2);
    expect([merged.labels[0], merged.labels[50], merged.labels[100], merged.labels[150]]).toEqual([0, 0, 1, 1]);
  });

  it('allowSingleCluster lets one dense blob be a cluster instead of all noise', () => {
    const single = blobs([{ center: [0, 0], spread: 1, count: 200 }], 18);
    const allowed = hdbscan(single.points, single.n, 2, { minClusterSize: 20, allowSingleCluster: true, clusterSelectionEpsilon: 2 });
    expect(allowed.clusterCount).toBe(1);
    let members = 0;
    for (const l of allowed.labels) if (l === 0) members++;
    expect(members).toBeGreaterThan(150);
  });
});

describe('hdbscan on awkward input', () => {
  it('returns an empty result for n = 0', () => {
    const result = hdbscan(new Float32Array(0), 0, 3, { minClusterSize: 5 });
    expect(result.labels.length).toBe(0);
    expect(result.clusterCount).toBe(0);
  });

  it('calls everything noise when there are fewer points than minClusterSize', () => {
    const result = hdbscan(new Float32Array([1, 2, 3]), 3, 1, { minClusterSize: 5 });
    expect([...result.labels]).toEqual([-1, -1, -1]);
    expect(result.clusterCount).toBe(0);
  });

  it('handles all-identical vectors without NaN', () => {
    const points = new Float32Array(50 * 4).fill(0.5);
    const result = hdbscan(points, 50, 4, { minClusterSize: 5 });
    expect(result.clusterCount).toBe(0);
    expect([...result.labels].every((l) => l === -1)).toBe(true);
    expectFiniteOutputs(result);
    const single = hdbscan(points, 50, 4, { minClusterSize: 5, allowSingleCluster: true });
    expect(single.clusterCount).toBe(1);
    expect([...single.labels].every((l) => l === 0)).toBe(true);
    expectFiniteOutputs(single);
  });

  it('clusters exact duplicates: two stacks of identical points', () => {
    const points = new Float32Array(40);
    points.fill(1, 0, 20);
    points.fill(9, 20, 40);
    for (const dim of [1, 10]) {
      const result = hdbscan(points.subarray(0, 40 - (40 % dim)), 40 / dim, dim, { minClusterSize: dim === 1 ? 5 : 2 });
      expectFiniteOutputs(result);
      if (dim === 1) {
        expect(result.clusterCount).toBe(2);
        expect([...result.labels]).toEqual([...Array(20).fill(0), ...Array(20).fill(1)]);
      }
    }
  });

  it('throws ClusterInputError naming the point with a NaN or Infinity', () => {
    const points = new Float32Array([0, 0, 1, 1, Number.NaN, 2]);
    expect(() => hdbscan(points, 3, 2, { minClusterSize: 2 })).toThrow(/point 2 /);
    try {
      hdbscan(new Float32Array([0, Number.POSITIVE_INFINITY]), 2, 1, { minClusterSize: 2 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ClusterInputError);
      expect((error as ClusterInputError).code).toBe('non_finite');
      expect((error as ClusterInputError).message).toMatch(/point 1 /);
    }
  });

  it('rejects shape mismatches and invalid options with typed errors', () => {
    expect(() => hdbscan(new Float32Array(5), 2, 2, { minClusterSize: 2 })).toThrow(ClusterInputError);
    expect(() => hdbscan(new Float32Array(4), 2, 2, { minClusterSize: 1 })).toThrow(/minClusterSize/);
    expect(() => hdbscan(new Float32Array(4), 2, 2, { minClusterSize: 2, clusterSelectionEpsilon: -1 })).toThrow(/clusterSelectionEpsilon/);
  });
});
