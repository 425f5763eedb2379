import { describe, expect, it } from 'vitest';
import { siteWithEdits } from '../../main/io/approximate-site.ts';

const MASK: Record<string, number> = { A: 1, C: 2, G: 4, T: 8, R: 5, Y: 10, M: 3, N: 15 };
const masks = (text: string) => Uint8Array.from(text, (base) => MASK[base] ?? 0);
const PRIMER = masks('GTGYCAGCMGCCGCGGTAA');

describe('siteWithEdits', () => {
  it('finds a primer site with a base inserted or lost, and where it starts and ends in the read', () => {
    const before = 'TTGACCA';
    const after = 'ACGTTGCA';
    // Exact (one concrete sequence of the IUPAC codes).
    expect(siteWithEdits(masks(`${before}GTGCCAGCAGCCGCGGTAA${after}`), PRIMER, 0, 2)).toEqual({ start: 7, end: 26 });
    // A base inserted in the site (the site is 20 bases long in the read), and one lost (18 bases).
    expect(siteWithEdits(masks(`${before}GTGCCAGCAGGCCGCGGTAA${after}`), PRIMER, 0, 2)).toEqual({ start: 7, end: 27 });
    expect(siteWithEdits(masks(`${before}GTGCCAGCAGCCGGGTAA${after}`), PRIMER, 0, 2)).toEqual({ start: 7, end: 25 });
    // More edits than allowed, or an N (no evidence of the site) where the limit is spent.
    expect(siteWithEdits(masks(`${before}GTGCCAGGCCGCGGTAA${after}`), PRIMER, 0, 1)).toBeNull();
    expect(siteWithEdits(masks(`${before}GTGCCAGCANCCGCGGTAA${after}`), PRIMER, 0, 0)).toBeNull();
    // Searching from after the site finds nothing; the fewest edits win over the leftmost.
    expect(siteWithEdits(masks(`${before}GTGCCAGCAGCCGCGGTAA${after}`), PRIMER, 10, 2)).toBeNull();
    expect(siteWithEdits(masks(`GTGCCAGCAGGCCGCGGTAA${before}GTGCCAGCAGCCGCGGTAA`), PRIMER, 0, 2)).toEqual({ start: 27, end: 46 });
  });
});
