import { describe, expect, it } from 'vitest';
import { fmaxDifference, fmaxInterval } from '../../main/evaluate/fmax-bootstrap.ts';
import { fmaxOf, proteinCounts, type ProteinCounts } from '../../main/evaluate/fmax-sweep.ts';
import { mulberry32 } from '../../native/onnx/seeded-random.ts';

const OPTIONS = { replicates: 400, seed: 7 };

/**
 * Proteins with 6 true terms each; a method predicts each true term with probability `hit` and 4 false terms, at
 * random scores, true terms scoring higher on average by `lift`.
 */
function method(proteins: number, hit: number, lift: number, seed: number): ProteinCounts[] {
  const random = mulberry32(seed);
  return Array.from({ length: proteins }, (_, p) => {
    const truth = new Set(Array.from({ length: 6 }, (_, t) => `P${p}T${t}`));
    const scores = new Map<string, number>();
    for (const term of truth) if (random() < hit) scores.set(term, Math.min(1, random() * (1 - lift) + lift));
    for (let f = 0; f < 4; f++) scores.set(`P${p}F${f}`, random() * (1 - lift));
    return proteinCounts(scores, truth);
  });
}

describe('Fmax bootstrap', () => {
  it('brackets the Fmax with an interval that is reproducible and narrows with more proteins', () => {
    const small = method(60, 0.7, 0.3, 1);
    const large = method(960, 0.7, 0.3, 1);
    for (const proteins of [small, large]) {
      const { fmax } = fmaxOf(proteins);
      const interval = fmaxInterval(proteins, OPTIONS);
      expect(interval.low).toBeLessThan(fmax);
      expect(interval.high).toBeGreaterThan(fmax);
      expect(fmaxInterval(proteins, OPTIONS)).toEqual(interval);
    }
    const width = (proteins: ProteinCounts[]) => {
      const { low, high } = fmaxInterval(proteins, OPTIONS);
      return high - low;
    };
    // 16 times the proteins: about a quarter of the width (1/sqrt(16)).
    expect(width(large)).toBeLessThan(width(small) / 2.5);
    // Identical proteins: every resample is the same set, so the interval is a point.
    const same = Array.from({ length: 50 }, () => small[0]!);
    expect(fmaxInterval(same, OPTIONS)).toEqual({ low: fmaxOf(same).fmax, high: fmaxOf(same).fmax });
  });

  it('compares two methods on the same resamples', () => {
    const weak = method(400, 0.6, 0.2, 2);
    const strong = method(400, 0.8, 0.5, 3);
    const better = fmaxDifference(strong, weak, OPTIONS);
    expect(better.difference).toBeCloseTo(fmaxOf(strong).fmax - fmaxOf(weak).fmax, 12);
    expect(better.interval.low).toBeGreaterThan(0);
    expect(better.shareAtLeast).toBe(1);
    expect(fmaxDifference(weak, weak, OPTIONS)).toEqual({ difference: 0, interval: { low: 0, high: 0 }, shareAtLeast: 1 });
    // Two close methods: the interval straddles 0.
    const close = fmaxDifference(method(400, 0.7, 0.3, 4), method(400, 0.7, 0.3, 5), OPTIONS);
    expect(close.interval.low).toBeLessThan(0);
    expect(close.interval.high).toBeGreaterThan(0);
    expect(() => fmaxDifference(weak, weak.slice(1), OPTIONS)).toThrow(/same truth proteins/);
  });
});
