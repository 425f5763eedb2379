import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectedErrors } from '../../main/io/phred.ts';
import { PrimerPair, PrimerRegionCutter } from '../../main/io/primer-region.ts';
import type { SeqRecord } from '../../main/io/seq-record.ts';
import { filterRead, type FilterSettings } from '../../main/filter/read-filter.ts';
import { reverseComplementOf } from '../pairs/simulated-pairs.ts';

const KEEP_ALL: FilterSettings = { truncateQuality: null, truncateLength: null, minLength: 1, maxLength: null, maxAmbiguous: 1000, maxExpectedErrors: null, maxErrorRate: null };
const read = (sequence: string, quality = 'I'.repeat(sequence.length)): SeqRecord & { quality: string } =>
  ({ id: 'r1', description: 'sample run', sequence, quality, annotations: { size: '3' }, size: 3, recordNumber: 1, line: 1 });
const FORWARD = 'GTGYCAGCMGCCGCGGTAA';
const REVERSE = 'GGACTACNVGGGTWTCTAAT';
const cutter = (reverseOptional: boolean) => new PrimerRegionCutter(PrimerPair.parse({ forward: FORWARD, reverse: REVERSE }), { reverseOptional });
const REGION = 'ACGTTGCAACGTAGGCTTACCGATCGATCGGATTACAGGCATTACGGATCCA';

describe('filterRead', () => {
  it('cuts after the forward primer and at the reverse primer where the read reaches it, on either strand', () => {
    const amplicon = `GTGCCAGCAGCCGCGGTAA${REGION}${reverseComplementOf('GGACTACAGGGGTATCTAAT')}`;
    const whole = filterRead(read(`NNAC${amplicon}TTGA`.replace(/N/g, 'A')), KEEP_ALL, cutter(true));
    expect(whole).toMatchObject({ kind: 'kept', record: { sequence: REGION, id: 'r1', annotations: { size: '3' } } });
    // A single-end read that stops inside the region keeps everything after the forward primer...
    const partial = read(amplicon.slice(0, 19 + 30));
    expect(filterRead(partial, KEEP_ALL, cutter(true))).toMatchObject({ kind: 'kept', record: { sequence: REGION.slice(0, 30) } });
    // ...unless both primers are required (whole amplicons), and a read without the forward primer is always dropped.
    expect(filterRead(partial, KEEP_ALL, cutter(false))).toEqual({ kind: 'dropped', reason: 'no_primer' });
    expect(filterRead(read(REGION), KEEP_ALL, cutter(true))).toEqual({ kind: 'dropped', reason: 'no_primer' });
    // A read of the other orientation (Nanopore) is turned round, its quality with it.
    const quality = Array.from(amplicon, (_, i) => String.fromCharCode(33 + 10 + (i % 30))).join('');
    const flipped = filterRead(read(reverseComplementOf(amplicon), [...quality].reverse().join('')), KEEP_ALL, cutter(false));
    expect(flipped).toMatchObject({ kind: 'kept', record: { sequence: REGION, quality: quality.slice(19, 19 + REGION.length) } });
  });

  it('truncates at the first poor base, then to a fixed length, dropping reads left short', () => {
    const quality = `${'I'.repeat(40)}#${'I'.repeat(19)}`; // '#' is Q2
    const sequence = 'ACGT'.repeat(15);
    expect(filterRead(read(sequence, quality), { ...KEEP_ALL, truncateQuality: 2 }, undefined)).toMatchObject({ kind: 'kept', record: { sequence: sequence.slice(0, 40), quality: 'I'.repeat(40) } });
    expect(filterRead(read(sequence, quality), { ...KEEP_ALL, truncateQuality: 1 }, undefined)).toMatchObject({ kind: 'kept', record: { sequence } });
    expect(filterRead(read(sequence, quality), { ...KEEP_ALL, truncateQuality: 2, truncateLength: 41 }, undefined)).toEqual({ kind: 'dropped', reason: 'truncated_short' });
    expect(filterRead(read(sequence, quality), { ...KEEP_ALL, truncateQuality: 2, truncateLength: 35 }, undefined)).toMatchObject({ kind: 'kept', record: { sequence: sequence.slice(0, 35) } });
    expect(filterRead(read(sequence, quality), { ...KEEP_ALL, minLength: 61 }, undefined)).toEqual({ kind: 'dropped', reason: 'too_short' });
    expect(filterRead(read(sequence, quality), { ...KEEP_ALL, maxLength: 59 }, undefined)).toEqual({ kind: 'dropped', reason: 'too_long' });
  });

  it('judges ambiguous bases and expected errors on the truncated read only', () => {
    const sequence = `${'ACGT'.repeat(10)}NRAC`;
    expect(filterRead(read(sequence), { ...KEEP_ALL, maxAmbiguous: 1 }, undefined)).toEqual({ kind: 'dropped', reason: 'ambiguous' });
    expect(filterRead(read(sequence), { ...KEEP_ALL, maxAmbiguous: 0, truncateLength: 40 }, undefined)).toMatchObject({ kind: 'kept' });
    // Q10 is an error probability of 0.1: ten such bases are one expected error, eleven are more.
    const quality = `${'+'.repeat(11)}${'~'.repeat(29)}`;
    const errors = expectedErrors(quality);
    expect(errors).toBeCloseTo(1.1 + 29 * 10 ** -9.3, 9);
    expect(filterRead(read('ACGT'.repeat(10), quality), { ...KEEP_ALL, maxExpectedErrors: 1 }, undefined)).toEqual({ kind: 'dropped', reason: 'expected_errors' });
    expect(filterRead(read('ACGT'.repeat(10), quality), { ...KEEP_ALL, maxExpectedErrors: 1.2 }, undefined)).toMatchObject({ kind: 'kept', expectedErrors: errors });
    expect(filterRead(read('ACGT'.repeat(10), quality), { ...KEEP_ALL, maxErrorRate: 0.025 }, undefined)).toEqual({ kind: 'dropped', reason: 'expected_errors' });
    expect(filterRead(read('ACGT'.repeat(10), quality), { ...KEEP_ALL, maxErrorRate: 0.03 }, undefined)).toMatchObject({ kind: 'kept' });
  });

  it('keeps only prefixes of the read that pass every check it was given (any read, any settings)', () => {
    const base = fc.constantFrom(...'ACGTN');
    const settings = fc.record({
      truncateQuality: fc.option(fc.integer({ min: 0, max: 41 })), truncateLength: fc.option(fc.integer({ min: 1, max: 80 })), minLength: fc.integer({ min: 1, max: 60 }),
      maxLength: fc.option(fc.integer({ min: 60, max: 100 })), maxAmbiguous: fc.integer({ min: 0, max: 3 }), maxExpectedErrors: fc.option(fc.double({ min: 0.01, max: 5, noNaN: true })),
      maxErrorRate: fc.option(fc.double({ min: 0.001, max: 0.2, noNaN: true })),
    });
    const reads = fc.array(fc.tuple(base, fc.integer({ min: 0, max: 41 })), { minLength: 1, maxLength: 120 });
    fc.assert(fc.property(reads, settings, (bases, s) => {
      const sequence = bases.map(([b]) => b).join('');
      const quality = bases.map(([, q]) => String.fromCharCode(q + 33)).join('');
      const outcome = filterRead(read(sequence, quality), s, undefined);
      if (outcome.kind === 'dropped') return;
      const kept = outcome.record;
      expect(sequence.startsWith(kept.sequence) && quality.startsWith(kept.quality!)).toBe(true);
      expect(kept.sequence.length).toBeGreaterThanOrEqual(s.minLength);
      if (s.truncateLength !== null) expect(kept.sequence.length).toBe(s.truncateLength);
      if (s.maxLength !== null) expect(kept.sequence.length).toBeLessThanOrEqual(s.maxLength);
      if (s.truncateQuality !== null) expect([...kept.quality!].every((c) => c.charCodeAt(0) - 33 > s.truncateQuality!)).toBe(true);
      expect((kept.sequence.match(/N/g) ?? []).length).toBeLessThanOrEqual(s.maxAmbiguous);
      if (s.maxExpectedErrors !== null) expect(expectedErrors(kept.quality!)).toBeLessThanOrEqual(s.maxExpectedErrors);
    }));
  });
});
