import { describe, expect, it } from 'vitest';
import { umapLayout } from '../../main/map/umap-layout.ts';
import { trustworthiness } from '../../main/map/trustworthiness.ts';
import { blobs } from '../cluster/synthetic-data.ts';

/** Three well-separated 10-D blobs of 60 points. */
const separated = blobs([
  { center: Array(10).fill(0), spread: 1, count: 60 },
  { center: Array(10).fill(12), spread: 1, count: 60 },
  { center: [...Array(5).fill(12), ...Array(5).fill(-12)], spread: 1, count: 60 },
], 3);

/** Share of points whose nearest neighbour in the map has the same truth label. */
function mapNeighbourAgreement(coordinates: Float32Array, dims: number, truth: Int32Array): number {
  const n = truth.length;
  let agree = 0;
  for (let i = 0; i < n; i++) {
    let best = -1;
    let bestDistance = Infinity;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let d = 0;
      for (let k = 0; k < dims; k++) d += (coordinates[i * dims + k]! - coordinates[j * dims + k]!) ** 2;
      if (d < bestDistance) { bestDistance = d; best = j; }
    }
    if (truth[best] === truth[i]) agree++;
  }
  return agree / n;
}

describe('umapLayout', () => {
  it('keeps separated blobs apart and neighbourhoods trustworthy, in 2-D and 3-D', async () => {
    const { points, n, dim, truth } = separated;
    for (const dims of [2, 3] as const) {
      const layout = await umapLayout(points, n, dim, { dims, metric: 'euclidean', epochs: 200, seed: 1 });
      expect(layout.coordinates).toHaveLength(n * dims);
      expect(layout.coordinates.every(Number.isFinite)).toBe(true);
      expect(mapNeighbourAgreement(layout.coordinates, dims, truth)).toBe(1);
      expect(trustworthiness(points, dim, layout.coordinates, dims, n, 10, 'euclidean')).toBeGreaterThan(0.9);
    }
  });

  it('is deterministic for a seed and differs between seeds', async () => {
    const { points, n, dim } = separated;
    const run = (seed: number) => umapLayout(points, n, dim, { dims: 2, metric: 'cosine', epochs: 50, seed });
    const [a, b, c] = await Promise.all([run(5), run(5), run(6)]);
    expect(Array.from(a.coordinates)).toEqual(Array.from(b.coordinates));
    expect(Array.from(a.coordinates)).not.toEqual(Array.from(c.coordinates));
  });

  it('reports neighbour search progress and every epoch', async () => {
    const { points, n, dim } = separated;
    const epochs: number[] = [];
    let searched = 0;
    await umapLayout(points, n, dim, {
      dims: 2, metric: 'euclidean', epochs: 30,
      onProgress: (p) => (p.stage === 'epochs' ? epochs.push(p.done) : (searched = p.done)),
    });
    expect(searched).toBe(n);
    expect(epochs).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('stops when its signal is aborted', async () => {
    const { points, n, dim } = separated;
    const controller = new AbortController();
    const run = umapLayout(points, n, dim, {
      dims: 2, metric: 'euclidean', epochs: 500, signal: controller.signal,
      onProgress: (p) => { if (p.stage === 'epochs' && p.done === 10) controller.abort(); },
    });
    await expect(run).rejects.toThrow(/abort/i);
  });

  it('lays out tiny inputs without a neighbourhood search, and all-identical or duplicate vectors finitely', async () => {
    expect((await umapLayout(new Float32Array(0), 0, 4, { dims: 2, metric: 'cosine' })).coordinates).toHaveLength(0);
    const two = await umapLayout(new Float32Array([1, 2, 3, 4]), 2, 2, { dims: 3, metric: 'euclidean' });
    expect(Array.from(two.coordinates)).toEqual([0, 0, 0, 1, 0, 0]);
    expect(two.provider).toBeNull();

    const identical = new Float32Array(40 * 8).fill(0.5);
    const flat = await umapLayout(identical, 40, 8, { dims: 2, metric: 'cosine', epochs: 50 });
    expect(flat.coordinates.every(Number.isFinite)).toBe(true);
    // Three points: fewer than the 15 neighbours asked for, so every other point is a neighbour.
    const three = await umapLayout(new Float32Array([0, 0, 0, 0, 5, 5]), 3, 2, { dims: 2, metric: 'euclidean', epochs: 20 });
    expect(three.neighbours).toBe(2);
    expect(three.coordinates.every(Number.isFinite)).toBe(true);
  });
});
