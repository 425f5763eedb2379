import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniformFloats } from '../../native/onnx/seeded-random.ts';
import { bruteForceKnn, KnnSearcher, LookupInputError, ReferenceMatrix, type KnnHit, type Metric } from '../../main/lookup/index.ts';

const DIM = 12;

/** Random rows with varying norms, so cosine and euclidean rank differently. */
function randomRows(count: number, seed: number): Float32Array {
  return uniformFloats(count * DIM, seed).map((v, i) => (v + 0.05) * (1 + (Math.floor(i / DIM) % 4)));
}

/** Same hits as the oracle: distances to 1e-4, indices wherever the oracle's distances are distinct from neighbours. */
function expectSameHits(actual: KnnHit[][], expected: KnnHit[][]): void {
  expect(actual.map((hits) => hits.length)).toEqual(expected.map((hits) => hits.length));
  expected.forEach((hits, q) => {
    hits.forEach((hit, j) => {
      const got = actual[q]![j]!;
      expect(Math.abs(got.distance - hit.distance), `query ${q} rank ${j} distance`).toBeLessThan(1e-4);
      const neighbours = [hits[j - 1], hits[j + 1]].filter((h) => h !== undefined);
      if (neighbours.every((h) => Math.abs(h.distance - hit.distance) > 1e-5)) expect(got.index, `query ${q} rank ${j} index`).toBe(hit.index);
    });
  });
}

const searchers = new Map<string, KnnSearcher>();
async function searcher(metric: Metric, chunkRows: number, queryBatch: number): Promise<KnnSearcher> {
  const key = `${metric}/${chunkRows}/${queryBatch}`;
  if (!searchers.has(key)) searchers.set(key, await KnnSearcher.open({ dim: DIM, metric, device: 'cpu', chunkRows, queryBatch }));
  return searchers.get(key)!;
}
afterAll(async () => {
  for (const s of searchers.values()) await s.release();
});

describe('KnnSearcher against the plain loop', () => {
  for (const metric of ['cosine', 'euclidean'] as const) {
    // [queries, refs, k, chunkRows, queryBatch]: one chunk; chunks that do not divide r; r < k; batch edges.
    const cases = [
      [5, 40, 3, 65_536, 256],
      [9, 100, 7, 33, 4],
      [3, 5, 10, 2, 2],
      [17, 64, 1, 16, 8],
      [1, 300, 25, 97, 1],
    ] as const;
    for (const [queryCount, refCount, k, chunkRows, queryBatch] of cases) {
      it(`${metric}: ${queryCount} queries × ${refCount} refs, k=${k}, chunkRows=${chunkRows}, queryBatch=${queryBatch}`, async () => {
        const refs = ReferenceMatrix.fromRows(randomRows(refCount, refCount), refCount, DIM, metric);
        const queries = randomRows(queryCount, 1000 + queryCount);
        const actual = await (await searcher(metric, chunkRows, queryBatch)).search(refs, queries, queryCount, k);
        const expected = bruteForceKnn(refs, queries, queryCount, k);
        expect(actual.every((hits) => hits.length === Math.min(k, refCount))).toBe(true);
        expectSameHits(actual, expected);
      });
    }

    it(`${metric}: maxDistance drops farther hits`, async () => {
      const refs = ReferenceMatrix.fromRows(randomRows(120, 7), 120, DIM, metric);
      const queries = randomRows(6, 8);
      const all = bruteForceKnn(refs, queries, 6, 10);
      const maxDistance = all[0]![4]!.distance; // the first query keeps exactly 5 (distances are distinct)
      const actual = await (await searcher(metric, 50, 4)).search(refs, queries, 6, 10, { maxDistance });
      expectSameHits(actual, bruteForceKnn(refs, queries, 6, 10, { maxDistance }));
      expect(actual[0]!.length).toBe(5);
      expect(actual.flat().every((hit) => hit.distance <= maxDistance)).toBe(true);
    });

    it(`${metric}: exclude filters hits and still returns k, fetching again when over-fetching is not enough`, async () => {
      const refs = ReferenceMatrix.fromRows(randomRows(200, 9), 200, DIM, metric);
      const queries = randomRows(5, 10);
      const nearest = bruteForceKnn(refs, queries, 5, 40);
      // Query 0 loses its 30 nearest (more than the 2k first fetched); the others lose every odd reference.
      const banned = new Set(nearest[0]!.slice(0, 30).map((hit) => hit.index));
      const exclude = (query: number, ref: number) => (query === 0 ? banned.has(ref) : ref % 2 === 1);
      const actual = await (await searcher(metric, 64, 2)).search(refs, queries, 5, 6, { exclude });
      expectSameHits(actual, bruteForceKnn(refs, queries, 5, 6, { exclude }));
      expect(actual.map((hits) => hits.length)).toEqual([6, 6, 6, 6, 6]);
      expect(actual[0]!.some((hit) => banned.has(hit.index))).toBe(false);
      expect(actual.slice(1).flat().some((hit) => hit.index % 2 === 1)).toBe(false);
    });
  }

  it('finds a reference itself at distance 0 for both metrics', async () => {
    for (const metric of ['cosine', 'euclidean'] as const) {
      const rows = randomRows(30, 11);
      const refs = ReferenceMatrix.fromRows(rows, 30, DIM, metric);
      const hits = await (await searcher(metric, 7, 3)).search(refs, rows.slice(12 * DIM, 13 * DIM), 1, 1);
      expect(hits[0]![0]!.index).toBe(12);
      expect(hits[0]![0]!.distance).toBeCloseTo(0, 3);
    }
  });
});

describe('cosine distances never go below 0', () => {
  it('gives 0, not a float32 hair below it, for rows searched against themselves', async () => {
    // 512-D like the bundled DNA model: self-products of unit rows land on either side of 1 in float32.
    const dim = 512;
    const count = 200;
    const rows = uniformFloats(count * dim, 5).map((v) => v - 0.5);
    const refs = ReferenceMatrix.fromRows(rows, count, dim, 'cosine');
    const search = await KnnSearcher.open({ dim, metric: 'cosine', device: 'cpu' });
    try {
      const hits = await search.search(refs, rows, count, 1);
      expect(hits.map((h) => h[0]!.index)).toEqual(Array.from({ length: count }, (_, i) => i));
      // Unclamped, some of these come out at -1.2e-7 on this project's machines.
      for (const h of hits) expect(h[0]!.distance).toBeGreaterThanOrEqual(0);
      expect(Math.max(...hits.map((h) => h[0]!.distance))).toBeLessThan(1e-6);
    } finally {
      await search.release();
    }
    const oracle = bruteForceKnn(refs, rows, count, 1);
    for (const h of oracle) expect(h[0]!.distance).toBeGreaterThanOrEqual(0);
  });
});

describe('KnnSearcher input checks', () => {
  let cosine: KnnSearcher;
  beforeAll(async () => {
    cosine = await searcher('cosine', 65_536, 256);
  });

  it('rejects references of another dimension, naming both dims in one line', async () => {
    const refs = ReferenceMatrix.fromRows(new Float32Array(4 * 8).fill(1), 4, 8, 'cosine');
    const error = await cosine.search(refs, new Float32Array(DIM).fill(1), 1, 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LookupInputError);
    expect((error as LookupInputError).problem).toBe('dimension_mismatch');
    expect((error as Error).message).toMatch(/8 dims.*12/);
    expect((error as Error).message).not.toContain('\n');
  });

  it('rejects queries of another dimension, naming both dims', async () => {
    const refs = ReferenceMatrix.fromRows(randomRows(4, 1), 4, DIM, 'cosine');
    const error = await cosine.search(refs, new Float32Array(2 * 10).fill(1), 2, 1).catch((e: unknown) => e);
    expect((error as LookupInputError).problem).toBe('dimension_mismatch');
    expect((error as Error).message).toMatch(/queries have 10 dims.*12/);
  });

  it('rejects references prepared for another metric', async () => {
    const refs = ReferenceMatrix.fromRows(randomRows(4, 1), 4, DIM, 'euclidean');
    await expect(cosine.search(refs, randomRows(1, 2), 1, 1)).rejects.toMatchObject({ problem: 'metric_mismatch' });
  });

  it('rejects a NaN query row by its number and a k that is not a positive integer', async () => {
    const refs = ReferenceMatrix.fromRows(randomRows(4, 1), 4, DIM, 'cosine');
    const queries = randomRows(3, 2);
    queries[2 * DIM + 5] = Number.NaN;
    await expect(cosine.search(refs, queries, 3, 1)).rejects.toThrow(/query row 2 .*dimension 5/);
    await expect(cosine.search(refs, randomRows(1, 2), 1, 0)).rejects.toMatchObject({ problem: 'bad_option' });
  });

  it('returns empty lists for an empty reference set', async () => {
    const refs = ReferenceMatrix.fromRows(new Float32Array(0), 0, DIM, 'cosine');
    expect(await cosine.search(refs, randomRows(2, 3), 2, 5)).toEqual([[], []]);
  });

  it('rejects bad chunkRows before opening a session', async () => {
    await expect(KnnSearcher.open({ dim: DIM, metric: 'cosine', device: 'cpu', chunkRows: 0 })).rejects.toMatchObject({ problem: 'bad_option' });
  });
});
