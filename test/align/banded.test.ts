import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Aligner, findDiagonalBand, scoringFor, type AlignMode, type AlignmentMetrics } from '../../main/align/index.ts';
import { referenceAlign } from './reference-aligner.ts';

const protein = scoringFor('protein');
const dna = scoringFor('dna');
const AMINO = 'ACDEFGHIKLMNPQRSTVWY';

const proteinSequence = fc.string({ unit: fc.constantFrom(...'ACDEFGHIKLMNPQRSTVWYXBZ*U'), minLength: 1, maxLength: 30 });
const dnaSequence = fc.string({ unit: fc.constantFrom(...'ACGTACGTACGTN'), minLength: 1, maxLength: 40 });
const mode = fc.constantFrom<AlignMode>('global', 'local');
const band = fc.tuple(fc.integer({ min: -45, max: 45 }), fc.nat({ max: 40 })).map(([lo, width]) => ({ lo, hi: lo + width }));

/** mulberry32: a fixed seed gives the same homologous pairs on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomProtein(next: () => number, length: number, letters = AMINO): string {
  let s = '';
  for (let k = 0; k < length; k++) s += letters[Math.floor(next() * letters.length)]!;
  return s;
}

/** A copy of `source` with the given share of substitutions and 1–4 indels of 1–10 residues. */
function mutate(next: () => number, source: string, substitutionRate: number): string {
  let copy = [...source].map((c) => (next() < substitutionRate ? AMINO[Math.floor(next() * AMINO.length)]! : c)).join('');
  const indels = 1 + Math.floor(next() * 4);
  for (let k = 0; k < indels; k++) {
    const length = 1 + Math.floor(next() * 10);
    const at = Math.floor(next() * (copy.length - length));
    copy = next() < 0.5 ? copy.slice(0, at) + copy.slice(at + length) : copy.slice(0, at) + randomProtein(next, length) + copy.slice(at);
  }
  return copy;
}

function expectConsistent(r: AlignmentMetrics, queryLength: number, targetLength: number): void {
  if (r.alignmentLength === 0) return;
  const querySpan = r.mode === 'global' ? queryLength : r.queryEnd - r.queryStart + 1;
  const targetSpan = r.mode === 'global' ? targetLength : r.targetEnd - r.targetStart + 1;
  expect(r.alignmentLength * 2).toBe(querySpan + targetSpan + r.gaps);
  expect(r.identities).toBeLessThanOrEqual(r.positives);
  expect(r.positives).toBeLessThanOrEqual(r.alignmentLength - r.gaps);
  expect(r.gapOpenings).toBeLessThanOrEqual(r.gaps);
  expect(r.identity).toBeGreaterThanOrEqual(0);
  expect(r.identity).toBeLessThanOrEqual(1);
}

const ALPHABETS = [
  [protein, proteinSequence],
  [dna, dnaSequence],
] as const;

describe('banded DP', () => {
  it('a band covering the whole matrix gives exactly the full alignment (protein and DNA, both modes)', () => {
    for (const [scoring, sequence] of ALPHABETS) {
      const aligner = new Aligner(scoring);
      fc.assert(
        fc.property(sequence, sequence, mode, fc.nat({ max: 5 }), (a, b, m, slack) => {
          const whole = { lo: -a.length - slack, hi: b.length + slack };
          expect(aligner.align(a, b, m, { band: whole })).toEqual({ ...aligner.align(a, b, m), banded: true });
        }),
        { numRuns: 300 },
      );
    }
  });

  it('any band matches the reference DP restricted to that band, metric for metric', () => {
    for (const [scoring, sequence] of ALPHABETS) {
      const aligner = new Aligner(scoring);
      fc.assert(
        fc.property(sequence, sequence, mode, band, (a, b, m, d) => {
          expect(aligner.align(a, b, m, { band: d })).toEqual({ ...referenceAlign(a, b, m, scoring, d), banded: true });
        }),
        { numRuns: 500 },
      );
    }
  });

  it('a banded score never beats the full one: it searches a subset', () => {
    const aligner = new Aligner(protein);
    fc.assert(
      fc.property(proteinSequence, proteinSequence, mode, band, (a, b, m, d) => {
        const banded = aligner.align(a, b, m, { band: d });
        expect(banded.score).toBeLessThanOrEqual(aligner.align(a, b, m).score);
        expectConsistent(banded, a.length, b.length);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects a malformed band', () => {
    const aligner = new Aligner(protein);
    expect(() => aligner.align('ACD', 'ACD', 'local', { band: { lo: 2, hi: 1 } })).toThrow(RangeError);
    expect(() => aligner.align('ACD', 'ACD', 'local', { band: { lo: 0.5, hi: 1 } })).toThrow(RangeError);
  });
});

describe('findDiagonalBand', () => {
  it('finds the offset diagonal of a shifted copy, narrowly', () => {
    const next = random(7);
    const core = randomProtein(next, 300);
    const target = randomProtein(next, 60) + mutate(next, core, 0.15) + randomProtein(next, 40);
    const found = findDiagonalBand(core, target);
    expect(found).not.toBeNull();
    expect(found!.lo).toBeLessThanOrEqual(60);
    expect(found!.hi).toBeGreaterThanOrEqual(60);
    expect(found!.hi - found!.lo).toBeLessThan(120);
  });

  it('seeds DNA with longer words', () => {
    const next = random(11);
    const query = randomProtein(next, 400, 'ACGT');
    const target = 'ACGT'.repeat(5) + query;
    const found = findDiagonalBand(query, target, { alphabet: 'dna' });
    expect(found).not.toBeNull();
    expect(found!.lo).toBeLessThanOrEqual(20);
    expect(found!.hi).toBeGreaterThanOrEqual(20);
  });

  it('returns null without shared words', () => {
    expect(findDiagonalBand('ACDEFGHIK'.repeat(10), 'LMNPQRSTVWY'.repeat(10))).toBeNull();
    expect(findDiagonalBand('AC', 'ACDEF')).toBeNull();
  });
});

describe("band: 'auto'", () => {
  it('homologous proteins (10–30 % substitutions, indels of 1–10): the full score in ≥ 95 % of pairs', () => {
    const next = random(2024);
    const aligner = new Aligner(protein);
    let pairs = 0;
    let exact = 0;
    let banded = 0;
    for (let k = 0; k < 60; k++) {
      const query = randomProtein(next, 200 + Math.floor(next() * 601));
      const target = mutate(next, query, 0.1 + 0.2 * next());
      for (const m of ['global', 'local'] as const) {
        const auto = aligner.align(query, target, m, { band: 'auto' });
        const full = aligner.align(query, target, m);
        expect(auto.score).toBeLessThanOrEqual(full.score);
        expectConsistent(auto, query.length, target.length);
        pairs += 1;
        if (auto.score === full.score) exact += 1;
        if (auto.banded) banded += 1;
      }
    }
    expect(exact / pairs).toBeGreaterThanOrEqual(0.95);
    // Otherwise the test above would pass by falling back to the full DP.
    expect(banded / pairs).toBeGreaterThanOrEqual(0.9);
  });

  it('falls back to the full DP when there are no seeds, reporting banded: false', () => {
    const aligner = new Aligner(protein);
    const query = 'ACDEFGHIK'.repeat(12);
    const target = 'LMNPQRSTVWY'.repeat(9);
    for (const m of ['global', 'local'] as const) {
      expect(aligner.align(query, target, m, { band: 'auto' })).toEqual({ ...aligner.align(query, target, m), banded: false });
    }
  });

  it('unrelated random proteins still give valid metrics, never above the full score', () => {
    const next = random(99);
    const aligner = new Aligner(protein);
    for (let k = 0; k < 40; k++) {
      const query = randomProtein(next, 50 + Math.floor(next() * 400));
      const target = randomProtein(next, 50 + Math.floor(next() * 400));
      for (const m of ['global', 'local'] as const) {
        const auto = aligner.align(query, target, m, { band: 'auto' });
        expect(typeof auto.banded).toBe('boolean');
        expect(auto.score).toBeLessThanOrEqual(aligner.align(query, target, m).score);
        expectConsistent(auto, query.length, target.length);
      }
    }
  });

  it("leaves the default ('full') results without a banded field", () => {
    expect(new Aligner(protein).align('MKTAYIAKQR', 'MKTAYAKQR', 'global')).not.toHaveProperty('banded');
  });
});
