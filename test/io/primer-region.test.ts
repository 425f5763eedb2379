import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePrimerPair, PrimerPair, PrimerRegionCutter } from '../../main/io/primer-region.ts';
import type { SeqRecord } from '../../main/io/seq-record.ts';

// 515F and 806R (Parada / Apprill), the V4 primers of the Earth Microbiome Project.
const F = 'GTGYCAGCMGCCGCGGTAA';
const R = 'GGACTACNVGGGTWTCTAAT';
/** 806R as it appears on the forward strand: its reverse complement. */
const R_SITE = 'ATTAGAWACCCBNGTAGTCC';

const cutter = (maxMismatches?: number) => new PrimerRegionCutter(PrimerPair.parse({ forward: F, reverse: R, maxMismatches }));
const record = (sequence: string, quality?: string): SeqRecord => ({ id: 'r1', description: '', sequence, quality, annotations: {}, recordNumber: 7, line: 13 });
const COMPLEMENT: Record<string, string> = { A: 'T', C: 'G', G: 'C', T: 'A' };
const reverseComplement = (s: string) => [...s].reverse().map((b) => COMPLEMENT[b]).join('');

/** A primer written with one concrete base for each IUPAC code, as a real template carries it. */
const concrete = (primer: string) => primer.replace(/[YMWBNV]/g, (code) => ({ Y: 'C', M: 'A', W: 'T', B: 'G', N: 'A', V: 'C' })[code]!);

describe('primer regions', () => {
  const region = 'TACGGAGGGTGCAAGCGTTAATCGGAATTACTGGGCGTAAAGCGCACGCAGGCGG';
  const amplicon = `AGAGTTTGATCCTGGCTCAG${concrete(F)}${region}${concrete(R_SITE)}GGTGAAATGCGTAGAGATCT`;

  it('cuts a record to what lies between the primers, primers excluded, quality alike', () => {
    const quality = 'I'.repeat(amplicon.length);
    const cut = cutter().cut(record(amplicon, quality), 'ref.fasta');
    expect(cut).toEqual({ kind: 'record', record: expect.objectContaining({ id: 'r1', sequence: region, quality: 'I'.repeat(region.length) }) });
  });

  it('accepts up to a fifth of the primer in mismatches by default, and rejects beyond with the primer named', () => {
    const site = concrete(F);
    const mismatched = (n: number) => [...site].map((b, i) => (i < n ? COMPLEMENT[b] : b)).join('');
    const withForward = (n: number) => amplicon.replace(site, mismatched(n));
    // 19 bases: at most 3 mismatches.
    expect(cutter().cut(record(withForward(3)), 'ref.fasta')).toMatchObject({ kind: 'record', record: { sequence: region } });
    expect(cutter().cut(record(withForward(4)), 'ref.fasta')).toEqual({
      kind: 'issue',
      issue: {
        file: 'ref.fasta', record: 7, line: 13, id: 'r1', code: 'primer_not_found',
        message: `ref.fasta: record 7 (line 13, id "r1"): forward primer ${F} not found on either strand with at most 3 mismatches`,
      },
    });
    expect(cutter(5).cut(record(withForward(4)), 'ref.fasta')).toMatchObject({ kind: 'record' });
    expect(cutter(0).cut(record(withForward(1)), 'ref.fasta')).toMatchObject({ kind: 'issue' });
  });

  it('names the reverse primer when only it is missing, and needs it after the forward one', () => {
    const noReverse = amplicon.replace(concrete(R_SITE), 'C'.repeat(R_SITE.length));
    expect(cutter().cut(record(noReverse), 'ref.fasta')).toMatchObject({ kind: 'issue', issue: { message: expect.stringContaining(`reverse primer ${R} (as its reverse complement, after the forward primer) not found`) } });
    const swapped = `${concrete(R_SITE)}${region}${concrete(F)}${region}`;
    expect(cutter().cut(record(swapped), 'ref.fasta')).toMatchObject({ kind: 'issue', issue: { code: 'primer_not_found' } });
  });

  it('reads a record of the other strand as its reverse complement', () => {
    const cut = cutter().cut(record(reverseComplement(amplicon), 'ABCDEFGHIJ'.repeat(20).slice(0, amplicon.length)), 'ref.fasta');
    expect(cut).toMatchObject({ kind: 'record', record: { sequence: region } });
  });

  it('does not count an unknown base (N) in the record as a match', () => {
    const site = concrete(F);
    const masked = amplicon.replace(site, `NNNN${site.slice(4)}`);
    expect(cutter().cut(record(masked), 'ref.fasta')).toMatchObject({ kind: 'issue' });
  });

  it('finds the inserted region whatever the flanks and region (property)', () => {
    const bases = fc.stringMatching(/^[ACGT]*$/);
    fc.assert(
      fc.property(bases, fc.stringMatching(/^[ACGT]{1,300}$/), bases, (left, middle, right) => {
        const cut = cutter().cut(record(`${left}${concrete(F)}${middle}${concrete(R_SITE)}${right}`), 'ref.fasta');
        // A random flank can hold a near-copy of a primer only with odds of about 1e-7 per base.
        return cut.kind === 'record' && cut.record.sequence === middle;
      }),
      { numRuns: 300 },
    );
  });

  it('parses the command line form, normalising case and U', () => {
    expect(parsePrimerPair('gtgycagcmgccgcgguaa, GGACTACNVGGGTWTCTAAT')).toEqual({ forward: 'GTGYCAGCMGCCGCGGTAA', reverse: R });
    expect(parsePrimerPair(`${F},${R}`, 2)).toEqual({ forward: F, reverse: R, maxMismatches: 2 });
    for (const bad of [F, `${F},${R},${F}`, `${F},ACGT`, `${F},${R}X`, '']) expect(parsePrimerPair(bad)).toBeNull();
  });
});
