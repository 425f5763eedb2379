import { describe, expect, it } from 'vitest';
import { ReadProfile, statedErrorRate, summariseProfiles } from '../../main/io/read-profile.ts';
import type { SeqRecord } from '../../main/io/seq-record.ts';

const record = (length: number, quality?: string): SeqRecord => ({ id: `r${length}`, description: '', sequence: 'A'.repeat(length), annotations: {}, recordNumber: 0, line: 0, ...(quality === undefined ? {} : { quality }) });

function profileOf(lengths: readonly number[], quality?: (length: number) => string) {
  const profile = new ReadProfile();
  for (const length of lengths) profile.add(record(length, quality?.(length)));
  return profile.toJSON();
}

describe('read profiles', () => {
  it('gives the range, median and N50 of the reads’ lengths, and the error rate their qualities state', () => {
    // 54 bases: the longest reads 10 + 9 + 8 hold half of them, so N50 is 8.
    const lengths = [2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(summariseProfiles([profileOf(lengths)])).toEqual({ reads: 9, minLength: 2, maxLength: 10, medianLength: 6, n50: 8, errorRate: null });
    // Phred 20 (1%) on every base but Phred 10 (10%) on the ten-base read's: (44 × 0.01 + 10 × 0.1) / 54.
    const stated = summariseProfiles([profileOf(lengths, (length) => (length === 10 ? '+' : '5').repeat(length))])!;
    expect(stated.errorRate).toBeCloseTo((44 * 0.01 + 10 * 0.1) / 54, 12);
    expect(summariseProfiles([profileOf([])])).toBeNull();
  });

  it('merges a sample’s files as if they were one, and stays small for long reads of every length', () => {
    const lengths = Array.from({ length: 3000 }, (_, i) => 1000 + ((i * 7919) % 2000));
    const whole = summariseProfiles([profileOf(lengths)])!;
    const parts = summariseProfiles([profileOf(lengths.slice(0, 1000)), profileOf(lengths.slice(1000, 1001)), profileOf(lengths.slice(1001))])!;
    const sorted = [...lengths].sort((a, b) => a - b);
    expect(whole).toMatchObject({ reads: 3000, minLength: sorted[0], maxLength: sorted.at(-1) });
    // 2,000 distinct lengths are counted in bins of 4 bases: the median within one bin of the exact one.
    expect(profileOf(lengths).lengthBin).toBe(4);
    expect(profileOf(lengths).lengthCounts.length).toBeLessThanOrEqual(500);
    expect(Math.abs(whole.medianLength - sorted[1499]!)).toBeLessThan(4);
    expect(parts).toEqual(whole);
    // A FASTA file among FASTQ ones: no rate can be stated for the sample.
    expect(summariseProfiles([profileOf([5], () => '55555'), profileOf([5])])!.errorRate).toBeNull();
    // What classify calibrates for over such a mix: the FASTQ files' rate (Phred 20 and 10 over 5 bases each).
    expect(statedErrorRate([profileOf([5], () => '55555'), profileOf([5]), profileOf([5], () => '+++++')])).toBeCloseTo(0.055, 12);
    expect(statedErrorRate([profileOf([5])])).toBeNull();
  });
});
