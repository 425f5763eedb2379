import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alphaDiversity } from '../../main/diversity/alpha-diversity.ts';
import { brayCurtis, distanceMatrix, jaccard } from '../../main/diversity/beta-diversity.ts';
import { logChoose, logGamma } from '../../main/diversity/log-gamma.ts';
import { pcoa } from '../../main/diversity/pcoa.ts';
import { curveDepths, expectedRichness } from '../../main/diversity/rarefaction.ts';
import { sampleDiversity } from '../../main/diversity/sample-diversity.ts';

describe('diversity measures', () => {
  it('computes richness, Chao1, Shannon, Simpson, evenness and Good’s coverage by their formulas', () => {
    const a = alphaDiversity([10, 5, 3, 1, 1, 0]);
    expect(a).toMatchObject({ reads: 20, observed: 5, chao1: 6 });
    expect(a.simpson).toBeCloseTo(0.66, 12);
    expect(a.shannon).toBeCloseTo(-(0.5 * Math.log(0.5) + 0.25 * Math.log(0.25) + 0.15 * Math.log(0.15) + 2 * 0.05 * Math.log(0.05)), 12);
    expect(a.evenness).toBeCloseTo(a.shannon / Math.log(5), 12);
    expect(a.goodsCoverage).toBeCloseTo(0.9, 12);
    expect(alphaDiversity([7])).toMatchObject({ observed: 1, shannon: 0, simpson: 0, evenness: null });
  });

  it('rarefies exactly: the expected number of features among a few reads drawn without replacement', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(Math.exp(logChoose(52, 5))).toBeCloseTo(2598960, 3);
    // {a, a, b, c}, two reads: the six pairs hold 1, 2, 2, 2, 2, 2 features.
    expect(expectedRichness([2, 1, 1], 2)).toBeCloseTo(11 / 6, 12);
    expect(expectedRichness([2, 1, 1], 4)).toBe(3);
    expect(expectedRichness([2, 1, 1], 1)).toBeCloseTo(1, 12);
    expect(curveDepths(1000, 4)).toEqual([250, 500, 750, 1000]);
    expect(curveDepths(3, 25)).toEqual([1, 2, 3]);
    // Never more than observed, never fewer at a greater depth, and all of them at the full depth.
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 200 }), (counts, depth) => {
      const reads = counts.reduce((a, b) => a + b, 0);
      const observed = counts.filter((c) => c > 0).length;
      const at = expectedRichness(counts, depth);
      expect(at).toBeLessThanOrEqual(observed + 1e-9);
      expect(expectedRichness(counts, depth + 1)).toBeGreaterThanOrEqual(at - 1e-9);
      if (depth >= reads) expect(at).toBe(observed);
    }));
  });

  it('measures dissimilarity by composition (Bray–Curtis on shares) and by presence (Jaccard)', () => {
    expect(brayCurtis([1, 0], [0, 1])).toBe(1);
    expect(brayCurtis([2, 2], [1, 1])).toBe(0);
    expect(brayCurtis([3, 1], [1, 3])).toBeCloseTo(0.5, 12);
    expect(jaccard([1, 1, 0], [0, 5, 2])).toBeCloseTo(2 / 3, 12);
    expect(distanceMatrix([[1, 0], [0, 1], [1, 1]], jaccard)).toEqual([[0, 1, 0.5], [1, 0, 0.5], [0.5, 0.5, 0]]);
  });

  it('places samples by principal coordinates that keep their distances', () => {
    // Points on a line: one axis carries everything and gives back the (centred) positions, up to sign.
    const x = [0, 1, 3, 7];
    const line = pcoa(x.map((a) => x.map((b) => Math.abs(a - b))), 2);
    expect(line.explained[0]).toBeCloseTo(1, 9);
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    const axis = line.coordinates.map((point) => point[0]!);
    const sign = Math.sign(axis[3]!);
    axis.forEach((value, i) => expect(sign * value).toBeCloseTo(x[i]! - mean, 9));
    // A square's corners: distances between them are kept in two dimensions.
    const corners = [[0, 0], [1, 0], [1, 1], [0, 1]];
    const square = pcoa(corners.map((a) => corners.map((b) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!))), 2);
    for (let i = 0; i < 4; i += 1) {
      for (let j = 0; j < 4; j += 1) {
        expect(Math.hypot(square.coordinates[i]![0]! - square.coordinates[j]![0]!, square.coordinates[i]![1]! - square.coordinates[j]![1]!)).toBeCloseTo(Math.hypot(corners[i]![0]! - corners[j]![0]!, corners[i]![1]! - corners[j]![1]!), 9);
      }
    }
  });

  it('leaves out samples with no reads, rarefies every sample to the smallest, and orders by Bray–Curtis from three samples', () => {
    const table = { samples: ['pond', 'river', 'empty', 'lake'], rows: [
      { counts: [10, 1, 0, 5] }, { counts: [5, 1, 0, 0] }, { counts: [0, 8, 0, 5] }, { counts: [1, 0, 0, 0] },
    ] };
    const diversity = sampleDiversity(table as never);
    expect(diversity.samples).toEqual(['pond', 'river', 'lake']);
    expect(diversity.commonDepth).toBe(10);
    expect(diversity.rarefiedRichness[2]).toBe(2);
    expect(diversity.rarefiedRichness[0]).toBeLessThan(diversity.alpha[0]!.observed);
    expect(diversity.curves[1]!.at(-1)).toEqual({ depth: 10, richness: 3 });
    expect(diversity.ordination!.coordinates).toHaveLength(3);
    expect(sampleDiversity({ samples: ['a', 'b'], rows: [{ counts: [1, 2] }] } as never).ordination).toBeNull();
  });
});
