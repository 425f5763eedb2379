import { describe, expect, it } from 'vitest';
import { boruvkaMutualReachabilityMst } from '../../main/cluster/boruvka-mst.ts';
import { squaredCoreDistancesExhaustive, squaredCoreDistancesKdTree } from '../../main/cluster/core-distances.ts';
import { buildKdTree } from '../../main/cluster/kd-tree.ts';
import { buildPivotTable } from '../../main/cluster/pivot-table.ts';
import { primMutualReachabilityMst } from '../../main/cluster/prim-mst.ts';
import type { SpanningTree } from '../../main/cluster/spanning-tree.ts';
import { blobs, seededRandom } from './synthetic-data.ts';

/** Naive O(n²)-memory reference: exact core distances and Prim on the full mutual-reachability matrix. */
function naiveMstWeight(points: Float32Array, n: number, dim: number, minSamples: number): { core: number[]; total: number } {
  const dist = (a: number, b: number): number => {
    let s = 0;
    for (let d = 0; d < dim; d++) s += (points[a * dim + d]! - points[b * dim + d]!) ** 2;
    return Math.sqrt(s);
  };
  const core = Array.from({ length: n }, (_, i) => {
    const ds = Array.from({ length: n }, (_, j) => dist(i, j)).sort((x, y) => x - y);
    return ds[Math.min(minSamples, n) - 1]!;
  });
  const inTree = new Array<boolean>(n).fill(false);
  const best = new Array<number>(n).fill(Infinity);
  best[0] = 0;
  let total = 0;
  for (let step = 0; step < n; step++) {
    let u = -1;
    for (let i = 0; i < n; i++) if (!inTree[i] && (u < 0 || best[i]! < best[u]!)) u = i;
    inTree[u] = true;
    total += best[u]!;
    for (let j = 0; j < n; j++) {
      if (!inTree[j]) best[j] = Math.min(best[j]!, Math.max(core[u]!, core[j]!, dist(u, j)));
    }
  }
  return { core, total };
}

function checkSpanning(mst: SpanningTree, n: number): number {
  expect(mst.weight.length).toBe(n - 1);
  const seen = new Set<number>();
  let total = 0;
  for (let e = 0; e < n - 1; e++) {
    seen.add(mst.from[e]!);
    seen.add(mst.to[e]!);
    total += mst.weight[e]!;
  }
  expect(seen.size).toBe(n);
  return total;
}

function randomPoints(n: number, dim: number, seed: number, grid = 0): Float32Array {
  const random = seededRandom(seed);
  // A coarse grid forces many exact ties and duplicate points.
  return Float32Array.from({ length: n * dim }, () => (grid > 0 ? Math.floor(random() * grid) : random() * 10));
}

describe('mutual-reachability spanning trees', () => {
  const cases = [
    { name: '2-D uniform', points: randomPoints(300, 2, 1), n: 300, dim: 2 },
    { name: '3-D on a coarse grid (ties, duplicates)', points: randomPoints(300, 3, 2, 4), n: 300, dim: 3 },
    { name: '2-D blobs', ...blobs([{ center: [0, 0], spread: 1, count: 150 }, { center: [8, 3], spread: 0.5, count: 150 }], 3) },
  ];
  for (const { name, points, n, dim } of cases) {
    for (const minSamples of [1, 5]) {
      it(`k-d tree and exhaustive paths match the naive total on ${name}, minSamples ${minSamples}`, () => {
        const naive = naiveMstWeight(points, n, dim, minSamples);
        const tree = buildKdTree(points, n, dim);
        const treeCore = squaredCoreDistancesKdTree(tree, minSamples);
        for (let p = 0; p < n; p++) expect(Math.sqrt(treeCore[p]!)).toBeCloseTo(naive.core[tree.index[p]!]!, 9);
        expect(checkSpanning(boruvkaMutualReachabilityMst(tree, treeCore), n)).toBeCloseTo(naive.total, 6);

        const wide = Float64Array.from(points);
        const pivots = buildPivotTable(wide, n, dim);
        const core = squaredCoreDistancesExhaustive(wide, n, dim, minSamples, pivots);
        for (let i = 0; i < n; i++) expect(Math.sqrt(core[i]!)).toBeCloseTo(naive.core[i]!, 9);
        expect(checkSpanning(primMutualReachabilityMst(wide, n, dim, core, pivots), n)).toBeCloseTo(naive.total, 6);
      });
    }
  }
});
