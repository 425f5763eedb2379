import { describe, expect, it } from 'vitest';
import { CandidateRanker, SeedIndex, SeedSearcher, SeedShape } from '../../main/seeds/index.ts';

const RESIDUES = 'ACDEFGHIKLMNPQRSTVWY';
/** The reduction's groups, so a planted homologue can take conservative substitutions as real ones do. */
const GROUPS = ['KREDQN', 'ILV', 'STA', 'C', 'G', 'H', 'M', 'F', 'Y', 'W', 'P'];

/** mulberry32: a small seeded generator, so every run plants the same sequences. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomProtein(next: () => number, length: number): string {
  return Array.from({ length }, () => RESIDUES[Math.floor(next() * RESIDUES.length)]).join('');
}

/** Mutates `share` of the positions, half of them to another residue of the same group, the rest to any residue. */
function mutate(next: () => number, source: string, share: number): string {
  return [...source].map((residue) => {
    if (next() >= share) return residue;
    const group = GROUPS.find((g) => g.includes(residue))!;
    const pool = next() < 0.5 && group.length > 1 ? group.replace(residue, '') : RESIDUES.replace(residue, '');
    return pool[Math.floor(next() * pool.length)]!;
  }).join('');
}

function shuffledTriplets(next: () => number, sequence: string): string {
  const triplets = Array.from({ length: Math.floor(sequence.length / 3) }, (_, i) => sequence.slice(3 * i, 3 * i + 3));
  for (let i = triplets.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [triplets[i], triplets[j]] = [triplets[j]!, triplets[i]!];
  }
  return triplets.join('');
}

function identity(a: string, b: string): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/** Cosine between plain 3-mer count profiles: what a 3-mer embedding such as protein-kmer measures. */
function kmerCosine(a: string, b: string): number {
  const counts = (s: string) => {
    const map = new Map<string, number>();
    for (let i = 0; i + 3 <= s.length; i++) map.set(s.slice(i, i + 3), (map.get(s.slice(i, i + 3)) ?? 0) + 1);
    return map;
  };
  const [x, y] = [counts(a), counts(b)];
  let dot = 0;
  for (const [k, v] of x) dot += v * (y.get(k) ?? 0);
  const norm = (m: Map<string, number>) => Math.sqrt([...m.values()].reduce((s, v) => s + v * v, 0));
  return dot / (norm(x) * norm(y));
}

describe('seed prefilter', () => {
  it('finds a planted homologue at 40 % identity that a 3-mer profile ranks poorly', () => {
    const next = random(7);
    const references = Array.from({ length: 400 }, () => randomProtein(next, 250 + Math.floor(next() * 200)));
    const source = 123;
    const query = mutate(next, references[source]!, 0.6);
    // Unrelated proteins with the query's composition: its 3-mers in another order. A bag of 3-mers cannot tell them
    // from a homologue; seeds, which need matches in order along one diagonal, can.
    for (let d = 0; d < 20; d++) references.push(shuffledTriplets(next, query));
    expect(identity(query, references[source]!)).toBeGreaterThan(0.37);
    expect(identity(query, references[source]!)).toBeLessThan(0.45);

    const index = SeedIndex.build(references, new SeedShape('1101011'));
    const seeds = new SeedSearcher(index).search(query, { limit: 20, minWindowScore: 26 });
    expect(seeds[0]?.index).toBe(source);
    // Identity is kept on the alignment's diagonal: query position i pairs with reference position i.
    expect(seeds[0]?.diagonal).toBe(0);

    const byProfile = references.map((r, i) => ({ i, cosine: kmerCosine(query, r) })).sort((a, b) => b.cosine - a.cosine);
    expect(byProfile.findIndex((r) => r.i === source)).toBeGreaterThanOrEqual(20);

    const ranked = new CandidateRanker(index, references, { perQuery: 20, maxEvalue: 1e-3 }).rank(query);
    expect(ranked[0]).toMatchObject({ index: source, metrics: { mode: 'local', banded: true } });
    expect(ranked[0]!.metrics!.identity).toBeGreaterThan(0.35);
    expect(ranked[0]!.score).toBeGreaterThan(2 * ranked[1]!.score);
  });

  it('indexes no window of a sequence shorter than the seed, nor any window over X or another unknown residue', () => {
    const shape = new SeedShape('111');
    const index = SeedIndex.build(['', 'MK', 'MKLV', 'MKXLVA', 'mklv*'], shape);
    expect(index.referenceCount).toBe(5);
    // MKLV: MKL, KLV; MKXLVA: LVA only; mklv*: mkl, klv (lower case folds), not over '*'.
    expect(index.postingCount).toBe(5);
    expect(index.residueCount).toBe(17);
    const postings = (row: number) => [...index.postings].filter((value, i) => i % 3 === 0 && value === row).length;
    expect([0, 1, 2, 3, 4].map(postings)).toEqual([0, 0, 2, 1, 2]);

    const searcher = new SeedSearcher(index);
    const all = { limit: 5, minWindowScore: 0 };
    expect(searcher.search('MK', all)).toEqual([]);
    expect(searcher.search('XXXXXXXX', all)).toEqual([]);
    // MKLV and mklv share both windows, extended into one segment: M 5 + K 5 + L 4 + V 4.
    expect(searcher.search('MKLV', all)).toEqual([{ index: 2, score: 18, diagonal: 0 }, { index: 4, score: 18, diagonal: 0 }]);
    // MKLV's windows score 14 and 13 against themselves: above that, no hit is extended.
    expect(searcher.search('MKLV', { limit: 5, minWindowScore: 15 })).toEqual([]);
  });

  it('adds the extra candidates it is given when they share a seed diagonal, beyond the best perQuery, and no others', () => {
    const next = random(11);
    const query = randomProtein(next, 200);
    const references = [mutate(next, query, 0.2), mutate(next, query, 0.5), 'W'.repeat(200), ''];
    const ranker = new CandidateRanker(SeedIndex.build(references, new SeedShape('11111')), references, { perQuery: 1, maxEvalue: 1e-3 });
    expect(ranker.rank(query).map((r) => r.index)).toEqual([0]);
    // Reference 1 shares seeds with the query, 2 (unrelated) and 3 (empty) do not: they are not aligned at all.
    expect(ranker.rank(query, [1, 2, 3]).map((r) => r.index)).toEqual([0, 1]);
    expect(ranker.rank('', [0])).toEqual([]);
  });

  it('gives a query the sensitive pass when the fast one finds nothing significant', () => {
    // The query and its source hold only I, L, V, S and A, whose identities score 4 (and T, the only other residue of
    // their groups, at most 1 against them): no five-position window reaches the fast pass's 26, while four identities
    // and an I/V pair reach the sensitive pass's 16.
    const letters = 'ILVSA';
    const next = random(5);
    const pick = () => letters[Math.floor(next() * letters.length)]!;
    const references = Array.from({ length: 200 }, () => randomProtein(next, 300));
    const source = 42;
    references[source] = Array.from({ length: 300 }, pick).join('');
    const query = [...references[source]!].map((residue) => (next() < 0.7 ? residue : pick())).join('');
    const index = SeedIndex.build(references, new SeedShape('11111'));
    expect(new SeedSearcher(index).search(query, { limit: 5, minWindowScore: 26 })).toEqual([]);
    const ranked = new CandidateRanker(index, references, { perQuery: 5, maxEvalue: 1e-3 }).rank(query);
    expect(ranked[0]).toMatchObject({ index: source, metrics: { mode: 'local' } });
    expect(ranked[0]!.metrics!.identity).toBeGreaterThan(0.7);
  });

  it('rejects a shape that is not 0s and 1s starting and ending with 1, or heavier than a posting can hold', () => {
    expect(() => new SeedShape('0110')).toThrow(/seed shape/);
    expect(() => new SeedShape('11a1')).toThrow(/seed shape/);
    expect(() => new SeedShape('1111111')).toThrow(/weight 7, more than 6/);
    expect(new SeedShape('1101011')).toMatchObject({ span: 7, weight: 5, keys: 11 ** 5 });
  });
});
