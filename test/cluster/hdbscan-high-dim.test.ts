import { describe, expect, it } from 'vitest';
import { hdbscan } from '../../main/cluster/hdbscan.ts';
import { hdbscanHighDimensional } from '../../main/cluster/hdbscan-high-dim.ts';
import { adjustedRandIndex } from '../../main/cluster/metrics.ts';
import { blobs, withUniformNoise } from './synthetic-data.ts';

const sixteenD = (center: number) => Array(16).fill(center) as number[];

describe('hdbscanHighDimensional', () => {
  it('gives what hdbscan() gives above 8-D: labels, probabilities and outlier scores', async () => {
    const set = withUniformNoise(blobs([
      { center: sixteenD(0), spread: 1, count: 150 },
      { center: sixteenD(6), spread: 0.5, count: 100 },
      { center: [...sixteenD(6).slice(0, 8), ...sixteenD(-6).slice(0, 8)], spread: 2, count: 150 },
    ], 5), 30, -10, 16, 6);
    for (const options of [{ minClusterSize: 10 }, { minClusterSize: 15, minSamples: 5, selection: 'leaf' as const }]) {
      const reference = hdbscan(set.points, set.n, set.dim, options);
      const dense = await hdbscanHighDimensional(set.points, set.n, set.dim, options);
      expect(dense.clusterCount).toBe(reference.clusterCount);
      expect(adjustedRandIndex(dense.labels, reference.labels)).toBe(1);
      // Distances are float32 on onnxruntime and float64 in hdbscan(): equal to a few parts in 10⁵.
      for (let i = 0; i < set.n; i++) {
        expect(dense.probabilities[i]!).toBeCloseTo(reference.probabilities[i]!, 3);
        expect(dense.outlierScores[i]!).toBeCloseTo(reference.outlierScores[i]!, 3);
      }
    }
    expect(adjustedRandIndex((await hdbscanHighDimensional(set.points, set.n, set.dim, { minClusterSize: 10 })).labels.subarray(0, 400), set.truth.subarray(0, 400))).toBeGreaterThan(0.95);
  });

  it('handles duplicates, identical points and too few points as hdbscan() does', async () => {
    const base = blobs([{ center: sixteenD(0), spread: 1, count: 30 }, { center: sixteenD(9), spread: 1, count: 30 }], 8);
    const doubled = new Float32Array(base.points.length * 2);
    doubled.set(base.points);
    doubled.set(base.points, base.points.length);
    const withCopies = await hdbscanHighDimensional(doubled, 120, 16, { minClusterSize: 10 });
    expect(withCopies.clusterCount).toBe(hdbscan(doubled, 120, 16, { minClusterSize: 10 }).clusterCount);
    for (let i = 0; i < 60; i++) expect(withCopies.labels[i + 60]).toBe(withCopies.labels[i]);

    const identical = new Float32Array(40 * 16).fill(0.3);
    expect(Array.from((await hdbscanHighDimensional(identical, 40, 16, { minClusterSize: 5 })).labels)).toEqual(Array.from(hdbscan(identical, 40, 16, { minClusterSize: 5 }).labels));
    expect(Array.from((await hdbscanHighDimensional(identical.subarray(0, 48), 3, 16, { minClusterSize: 5 })).labels)).toEqual([-1, -1, -1]);
    await expect(hdbscanHighDimensional(identical, 40, 16, { minClusterSize: 1 })).rejects.toThrow(/minClusterSize must be an integer ≥ 2/);
  });
});
