import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Aligner, AlignmentError, alignPair, scoringFor, type AlignMode } from '../../main/align/index.ts';
import { referenceAlign, score } from './reference-aligner.ts';

const protein = scoringFor('protein');
const dna = scoringFor('dna');

describe('scoring', () => {
  it('holds the NCBI BLOSUM62 values, symmetric, with unknown letters scored as X', () => {
    expect(score(protein, 'W', 'W')).toBe(11);
    expect(score(protein, 'C', 'C')).toBe(9);
    expect(score(protein, 'A', 'A')).toBe(4);
    expect(score(protein, 'W', 'C')).toBe(-2);
    expect(score(protein, 'E', 'Z')).toBe(4);
    expect(score(protein, 'D', 'B')).toBe(4);
    expect(score(protein, 'X', 'X')).toBe(-1);
    expect(score(protein, '*', '*')).toBe(1);
    expect(score(protein, 'A', '*')).toBe(-4);
    for (const unknown of ['U', 'O', 'J', '-', '1']) {
      for (const letter of 'ARNDCQEGHILKMFPSTWYVBZX*') expect(score(protein, unknown, letter)).toBe(score(protein, 'X', letter));
    }
    const letters = 'ARNDCQEGHILKMFPSTWYVBZX*';
    for (const a of letters) for (const b of letters) expect(score(protein, a, b)).toBe(score(protein, b, a));
  });

  it('scores DNA +2/-3 with N and IUPAC codes neutral, and uses the BLAST gap defaults', () => {
    expect(score(dna, 'A', 'A')).toBe(2);
    expect(score(dna, 'A', 'G')).toBe(-3);
    for (const code of 'NRYSWKMBDHV') {
      expect(score(dna, code, 'A')).toBe(0);
      expect(score(dna, code, code)).toBe(0);
    }
    expect([protein.gapOpen, protein.gapExtend, dna.gapOpen, dna.gapExtend]).toEqual([11, 1, 5, 2]);
  });
});

describe('explicit alignments', () => {
  it('identical sequences: identity and coverage 1, score the sum of the diagonal', () => {
    const seq = 'MKTAYIAKQR';
    const diagonal = [...seq].reduce((sum, c) => sum + score(protein, c, c), 0);
    expect(diagonal).toBe(49);
    for (const mode of ['global', 'local'] as const) {
      expect(alignPair(seq, seq, { mode, alphabet: 'protein' })).toEqual({
        mode,
        score: 49,
        identity: 1,
        similarity: 1,
        identities: 10,
        positives: 10,
        gaps: 0,
        gapOpenings: 0,
        alignmentLength: 10,
        queryStart: 1,
        queryEnd: 10,
        targetStart: 1,
        targetEnd: 10,
        queryCoverage: 1,
        targetCoverage: 1,
      });
    }
  });

  it('a single deleted residue costs open + extend (12)', () => {
    const metrics = alignPair('MKTAYIAKQR', 'MKTAYAKQR', { mode: 'global', alphabet: 'protein' });
    expect(metrics).toMatchObject({ score: 49 - 4 - 12, identities: 9, gaps: 1, gapOpenings: 1, alignmentLength: 10, identity: 0.9 });
    expect(metrics).toMatchObject({ queryCoverage: 1, targetCoverage: 1 });
  });

  it('a two-residue gap costs open + 2 × extend', () => {
    const metrics = alignPair('MKTAYWWIAKQR', 'MKTAYIAKQR', { mode: 'global', alphabet: 'protein' });
    expect(metrics).toMatchObject({ score: 49 - 13, gaps: 2, gapOpenings: 1, alignmentLength: 12 });
  });

  it('global: HEAGAWGHEE vs PAWHEAE matches the full-matrix reference', () => {
    const metrics = alignPair('HEAGAWGHEE', 'PAWHEAE', { mode: 'global', alphabet: 'protein' });
    expect(metrics).toEqual(referenceAlign('HEAGAWGHEE', 'PAWHEAE', 'global', protein));
    // Length difference 3 forces at least 3 gap columns; alignment columns = (10 + 7 + gaps) / 2.
    expect(metrics.gaps).toBeGreaterThanOrEqual(3);
    expect(metrics.alignmentLength).toBe((10 + 7 + metrics.gaps) / 2);
  });

  it('local: a motif inside a longer target gets BLAST coordinates', () => {
    const metrics = alignPair('WCHWMYF', 'AAAAAWCHWMYFAAAA', { mode: 'local', alphabet: 'protein' });
    expect(metrics).toMatchObject({
      score: 11 + 9 + 8 + 11 + 5 + 7 + 6,
      queryStart: 1,
      queryEnd: 7,
      targetStart: 6,
      targetEnd: 12,
      queryCoverage: 1,
      targetCoverage: 7 / 16,
      identity: 1,
      alignmentLength: 7,
    });
  });

  it('global: end gaps count as columns but not towards coverage', () => {
    const metrics = alignPair('ACGTACGTAA', 'CGTACG', { mode: 'global', alphabet: 'dna' });
    expect(metrics).toMatchObject({
      score: 12 - (5 + 2) - (5 + 3 * 2),
      alignmentLength: 10,
      identities: 6,
      gaps: 4,
      gapOpenings: 2,
      queryStart: 2,
      queryEnd: 7,
      targetStart: 1,
      targetEnd: 6,
      queryCoverage: 0.6,
      targetCoverage: 1,
    });
  });

  it('DNA: N scores 0 and is never an identity', () => {
    const withN = alignPair('ACGTNACGT', 'ACGTAACGT', { mode: 'global', alphabet: 'dna' });
    expect(withN).toMatchObject({ score: 16, identities: 8, positives: 8, gaps: 0, alignmentLength: 9 });
    expect(withN.identity).toBeCloseTo(8 / 9, 12);
    const bothN = alignPair('ACGTNACGT', 'ACGTNACGT', { mode: 'global', alphabet: 'dna' });
    expect(bothN).toMatchObject({ score: 16, identities: 8 });
  });

  it('an empty local alignment reports zeros', () => {
    const metrics = alignPair('WWW', 'PPP', { mode: 'local', alphabet: 'protein' });
    expect(metrics).toEqual({
      mode: 'local',
      score: 0,
      identity: 0,
      similarity: 0,
      identities: 0,
      positives: 0,
      gaps: 0,
      gapOpenings: 0,
      alignmentLength: 0,
      queryStart: 0,
      queryEnd: 0,
      targetStart: 0,
      targetEnd: 0,
      queryCoverage: 0,
      targetCoverage: 0,
    });
  });

  it('folds lower case to upper case', () => {
    expect(alignPair('mktayiakqr', 'MKTAYIAKQR', { mode: 'local', alphabet: 'protein' })).toEqual(
      alignPair('MKTAYIAKQR', 'MKTAYIAKQR', { mode: 'local', alphabet: 'protein' }),
    );
  });
});

describe('aligned identities per query position', () => {
  it('marks the query residues the alignment pairs with the same base, as many as align() counts', () => {
    const aligner = new Aligner(scoringFor('dna'));
    expect(aligner.matches('ACGTTAGC', 'TTACGTAAGCTT', 'local')).toEqual({ marks: Uint8Array.from([1, 1, 1, 1, 0, 1, 1, 1]), queryFirst: 1, queryLast: 8, targetFirst: 3, targetLast: 10 });
    const dna = fc.stringMatching(/^[ACGTN]{1,120}$/);
    fc.assert(fc.property(dna, dna, fc.constantFrom<AlignMode>('local', 'global'), (query, target, mode) => {
      const { marks } = aligner.matches(query, target, mode);
      expect(marks).toHaveLength(query.length);
      const counted = aligner.align(query, target, mode, { band: 'auto' }).identities;
      expect(marks.reduce((sum, mark) => sum + mark, 0)).toBe(counted);
      marks.forEach((mark, i) => mark === 1 && expect(query[i]).not.toBe('N'));
    }), { numRuns: 300 });
  });
});

describe('refusals', () => {
  it('refuses empty sequences', () => {
    const aligner = new Aligner(protein);
    expect(() => aligner.align('', 'ACD', 'global')).toThrow(AlignmentError);
    try {
      aligner.align('ACD', '', 'local');
    } catch (error) {
      expect(error).toBeInstanceOf(AlignmentError);
      expect((error as AlignmentError).code).toBe('empty_sequence');
    }
  });

  it('refuses pairs over 64 Mi cells, naming both lengths', () => {
    const long = 'A'.repeat(8193);
    expect.assertions(3);
    try {
      new Aligner(protein).align(long, long, 'local');
    } catch (error) {
      expect((error as AlignmentError).code).toBe('too_long');
      expect((error as Error).message).toContain('8193');
      expect((error as Error).message).not.toContain('\n');
    }
  });

  it('rejects gap penalties that would make gaps free', () => {
    expect(() => new Aligner({ ...protein, gapOpen: 0, gapExtend: 0 })).toThrow(RangeError);
    expect(() => new Aligner({ ...protein, gapOpen: -1 })).toThrow(RangeError);
  });
});

const proteinSequence = fc.string({ unit: fc.constantFrom(...'ACDEFGHIKLMNPQRSTVWYXBZ*U'), minLength: 1, maxLength: 30 });
const dnaSequence = fc.string({ unit: fc.constantFrom(...'ACGTACGTACGTN'), minLength: 1, maxLength: 40 });
const mode = fc.constantFrom<AlignMode>('global', 'local');

describe('agreement with the full-matrix reference', () => {
  it('protein: every metric, both modes, with one aligner reused across pairs', () => {
    const aligner = new Aligner(protein);
    fc.assert(
      fc.property(proteinSequence, proteinSequence, mode, (a, b, m) => {
        expect(aligner.align(a, b, m)).toEqual(referenceAlign(a, b, m, protein));
      }),
      { numRuns: 500 },
    );
  });

  it('DNA: every metric, both modes, with one aligner reused across pairs', () => {
    const aligner = new Aligner(dna);
    fc.assert(
      fc.property(dnaSequence, dnaSequence, mode, (a, b, m) => {
        expect(aligner.align(a, b, m)).toEqual(referenceAlign(a, b, m, dna));
      }),
      { numRuns: 500 },
    );
  });

  it('related sequences (point mutations and indels) agree too', () => {
    const aligner = new Aligner(protein);
    const edit = fc.record({ at: fc.nat(), kind: fc.constantFrom('sub', 'ins', 'del'), residue: fc.constantFrom(...'ACDEFGHIKLMNPQRSTVWY') });
    fc.assert(
      fc.property(proteinSequence, fc.array(edit, { maxLength: 6 }), mode, (a, edits, m) => {
        let b = a;
        for (const { at, kind, residue } of edits) {
          const k = at % (b.length + 1);
          b = kind === 'ins' ? b.slice(0, k) + residue + b.slice(k) : kind === 'sub' ? b.slice(0, k) + residue + b.slice(k + 1) : b.slice(0, k) + b.slice(k + 1);
        }
        if (b.length === 0) return;
        expect(aligner.align(a, b, m)).toEqual(referenceAlign(a, b, m, protein));
      }),
      { numRuns: 300 },
    );
  });

  it('scores do not depend on which sequence is the query', () => {
    const aligner = new Aligner(protein);
    fc.assert(
      fc.property(proteinSequence, proteinSequence, mode, (a, b, m) => {
        expect(aligner.align(a, b, m).score).toBe(aligner.align(b, a, m).score);
      }),
    );
  });

  it('internal consistency: columns = (query span + target span + gaps) / 2', () => {
    const aligner = new Aligner(protein);
    fc.assert(
      fc.property(proteinSequence, proteinSequence, mode, (a, b, m) => {
        const r = aligner.align(a, b, m);
        if (r.alignmentLength === 0) return;
        const querySpan = m === 'global' ? a.length : r.queryEnd - r.queryStart + 1;
        const targetSpan = m === 'global' ? b.length : r.targetEnd - r.targetStart + 1;
        expect(r.alignmentLength * 2).toBe(querySpan + targetSpan + r.gaps);
        expect(r.identities).toBeLessThanOrEqual(r.positives);
        expect(r.positives).toBeLessThanOrEqual(r.alignmentLength - r.gaps);
        expect(r.gapOpenings).toBeLessThanOrEqual(r.gaps);
      }),
    );
  });

  it('a reused aligner gives the same answer after a larger pair grew its buffers', () => {
    const aligner = new Aligner(protein);
    const small = aligner.align('HEAGAWGHEE', 'PAWHEAE', 'local');
    aligner.align('MKTAYIAKQRQISFVKSHFSRQ'.repeat(20), 'MKTAYIAKQRQISFVKSHFSRQ'.repeat(15), 'global');
    expect(aligner.align('HEAGAWGHEE', 'PAWHEAE', 'local')).toEqual(small);
  });
});
