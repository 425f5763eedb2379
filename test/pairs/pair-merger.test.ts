import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MERGE, mergePair } from '../../main/pairs/pair-merger.ts';
import { mulberry32 } from '../../native/onnx/seeded-random.ts';
import { randomSequence, reverseComplementOf, simulatedPair } from './simulated-pairs.ts';

const HIGH = (length: number) => 'I'.repeat(length); // Q40
const pairOf = (amplicon: string, length: number, quality = HIGH(length)) => ({
  forward: { sequence: amplicon.slice(0, length), quality },
  reverse: { sequence: reverseComplementOf(amplicon).slice(0, length), quality },
});

describe('merging the two reads of a pair', () => {
  it('rebuilds the amplicon from error-free reads that overlap', () => {
    const amplicon = randomSequence(mulberry32(1), 120);
    const merged = mergePair(pairOf(amplicon, 80), DEFAULT_MERGE);
    expect(merged).toMatchObject({ kind: 'merged', sequence: amplicon, overlap: 40, diffs: 0 });
    // Where both reads agree the base is surer than either read says (capped at Q41); elsewhere each read's own quality.
    if (merged.kind !== 'merged') return;
    expect(merged.quality.slice(40, 80)).toBe('J'.repeat(40));
    expect(merged.quality.slice(0, 40) + merged.quality.slice(80)).toBe('I'.repeat(80));
  });

  it('takes the better-supported base where the reads disagree, with the quality that is left', () => {
    const amplicon = randomSequence(mulberry32(2), 120);
    const pair = pairOf(amplicon, 80);
    // Position 60 is in the overlap: the forward read misreads it at Q10, the reverse reads it right at Q40.
    const wrong = amplicon[60] === 'A' ? 'C' : 'A';
    pair.forward.sequence = `${pair.forward.sequence.slice(0, 60)}${wrong}${pair.forward.sequence.slice(61)}`;
    pair.forward.quality = `${pair.forward.quality.slice(0, 60)}+${pair.forward.quality.slice(61)}`;
    const merged = mergePair(pair, DEFAULT_MERGE);
    expect(merged).toMatchObject({ kind: 'merged', sequence: amplicon, diffs: 1 });
    if (merged.kind !== 'merged') return;
    const q = merged.quality.charCodeAt(60) - 33;
    expect(q).toBeGreaterThan(10);
    expect(q).toBeLessThan(40);
  });

  it('refuses pairs that do not overlap, staggered pairs unless allowed, and reads with too many expected errors', () => {
    const amplicon = randomSequence(mulberry32(3), 200);
    expect(mergePair(pairOf(amplicon, 80), DEFAULT_MERGE)).toEqual({ kind: 'failed', reason: 'no_overlap' });
    // Reads longer than the insert read on into the adapter: the reverse read's complement starts before the forward read.
    const random = mulberry32(4);
    const short = randomSequence(random, 90);
    const staggered = {
      forward: { sequence: short + randomSequence(random, 10), quality: HIGH(100) },
      reverse: { sequence: reverseComplementOf(short) + randomSequence(random, 10), quality: HIGH(100) },
    };
    expect(mergePair(staggered, DEFAULT_MERGE)).toEqual({ kind: 'failed', reason: 'staggered' });
    expect(mergePair(staggered, { ...DEFAULT_MERGE, allowStagger: true })).toMatchObject({ kind: 'merged', sequence: short, overlap: 90 });
    const poor = pairOf(amplicon.slice(0, 120), 80, '+'.repeat(80)); // Q10 everywhere: 0.1 expected errors per base outside the overlap
    expect(mergePair(poor, { ...DEFAULT_MERGE, maxExpectedErrors: 1 })).toEqual({ kind: 'failed', reason: 'expected_errors' });
    expect(mergePair(poor, { ...DEFAULT_MERGE, minLength: 121 })).toEqual({ kind: 'failed', reason: 'too_short' });
  });

  it('finds the same overlap from shared 8-mers as by scanning every offset', () => {
    // An N anywhere makes the merger scan every offset; one at the forward read's first base changes nothing else.
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 31 }), fc.integer({ min: 100, max: 420 }), fc.integer({ min: 60, max: 250 }), (seed, length, readLength) => {
      const random = mulberry32(seed);
      const pair = simulatedPair(random, randomSequence(random, length), readLength);
      const scanned = { ...pair, forward: { ...pair.forward, sequence: `N${pair.forward.sequence.slice(1)}` } };
      for (const settings of [DEFAULT_MERGE, { ...DEFAULT_MERGE, allowStagger: true }]) {
        const seeded = mergePair(pair, settings);
        const full = mergePair(scanned, settings);
        if (seeded.kind === 'failed' || full.kind === 'failed') {
          expect(full).toEqual(seeded);
          continue;
        }
        expect([full.overlap, full.sequence.slice(1)]).toEqual([seeded.overlap, seeded.sequence.slice(1)]);
        // Where the overlap covers that first base, the N no longer counts as a mismatch there.
        expect([0, 1]).toContain(seeded.diffs - full.diffs);
      }
    }), { numRuns: 400 });
  });

  it('answers any pair of reads with a merged read whose qualities match its bases, or a reason (fast-check)', () => {
    const read = fc.integer({ min: 1, max: 160 }).chain((length) => fc.record({
      sequence: fc.stringMatching(new RegExp(`^[ACGTN]{${length}}$`)),
      quality: fc.array(fc.integer({ min: 33, max: 126 }), { minLength: length, maxLength: length }).map((codes) => String.fromCharCode(...codes)),
    }));
    fc.assert(fc.property(read, read, fc.boolean(), (forward, reverse, allowStagger) => {
      const merged = mergePair({ forward, reverse }, { ...DEFAULT_MERGE, allowStagger, maxExpectedErrors: 5 });
      if (merged.kind === 'failed') {
        expect(['no_overlap', 'staggered', 'expected_errors', 'too_short']).toContain(merged.reason);
        return;
      }
      expect(merged.quality).toHaveLength(merged.sequence.length);
      expect(merged.sequence.length).toBeLessThanOrEqual(forward.sequence.length + reverse.sequence.length);
      expect(merged.sequence).toMatch(/^[ACGTN]+$/);
      expect([...merged.quality].every((c) => c.charCodeAt(0) >= 33 && c.charCodeAt(0) <= 33 + 41)).toBe(true);
      expect(merged.overlap).toBeGreaterThanOrEqual(DEFAULT_MERGE.minOverlap);
    }), { numRuns: 500 });
  });

  it('merges simulated MiSeq pairs at least as well as either read alone, whatever the amplicon', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 2 ** 31 }), fc.integer({ min: 140, max: 400 }), (seed, length) => {
      const random = mulberry32(seed);
      const amplicon = randomSequence(random, length);
      const readLength = Math.min(250, length - 5);
      const pair = simulatedPair(random, amplicon, readLength);
      const merged = mergePair({ forward: pair.forward, reverse: pair.reverse }, DEFAULT_MERGE);
      if (pair.forward.errors + pair.reverse.errors > DEFAULT_MERGE.maxDiffs) return;
      expect(merged.kind).toBe('merged');
      if (merged.kind !== 'merged') return;
      expect(merged.sequence).toHaveLength(length);
      // Every error of the merged read is an error one of the reads made where the other did not cover it, or lost a vote.
      const wrong = [...merged.sequence].filter((base, i) => base !== amplicon[i]).length;
      expect(wrong).toBeLessThanOrEqual(pair.forward.errors + pair.reverse.errors);
    }), { numRuns: 300 });
  });
});
