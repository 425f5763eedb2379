import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitLogistic, predictLogistic } from '../../main/classify/logistic-calibrator.ts';
import { neighbourWeights, rankEvidence } from '../../main/classify/rank-evidence.ts';
import { buildTaxonPaths } from '../../main/classify/taxon-paths.ts';
import type { TaxonomyLabelRow } from '../../main/store/reference-catalog.ts';

const row = (seq_id: string, lineage: string | null, ranks: string | null = 'domain;phylum;class;order;family;genus'): TaxonomyLabelRow => ({ seq_id, lineage, ranks, taxid: null });

describe('taxon paths', () => {
  it('keeps same-named taxa under different parents apart and stops a lineage at its end', () => {
    const paths = buildTaxonPaths('t', ['a', 'b', 'c', 'd'], [
      row('a', 'Bacteria; P1; C1; O1; F1; Incertae'),
      row('b', 'Bacteria; P1; C1; O1; F2; Incertae'),
      row('c', 'Bacteria; P1; C1; O1; F1', 'domain;phylum;class;order;family'),
      row('d', null, null),
    ]);
    expect(paths.ranks).toEqual(['domain', 'phylum', 'class', 'order', 'family', 'genus']);
    const genus = paths.codes[5]!;
    expect(genus[0]).not.toBe(genus[1]);
    expect(paths.names[5]![genus[0]!]).toBe('Incertae');
    expect(paths.names[5]![genus[1]!]).toBe('Incertae');
    expect(genus[2]).toBe(-1);
    expect(paths.codes[4]![2]).toBe(paths.codes[4]![0]);
    expect(paths.codes[0]![3]).toBe(-1);
    expect(paths.parents[5]![genus[1]!]).toBe(paths.codes[4]![1]);
  });

  it('orders ranks as the lineages do (PR2 writes kingdom before d:), and canonically when they contradict', () => {
    const pr2 = 'kingdom;domain;phylum;class;order;family;genus;species';
    const paths = buildTaxonPaths('pr2', ['a', 'b'], [
      row('a', 'Eukaryota; Alveolata; Dinoflagellata; Dinophyceae; Gonyaulacales; Ceratiaceae; Tripos; Tripos_fusus', pr2),
      row('b', 'Eukaryota; Alveolata; Dinoflagellata; Dinophyceae; Peridiniales; Kryptoperidiniaceae', 'kingdom;domain;phylum;class;order;family'),
    ]);
    expect(paths.ranks).toEqual(pr2.split(';'));
    expect(paths.names[0]).toEqual(['Eukaryota']);
    expect(paths.names[1]).toEqual(['Alveolata']);
    expect(paths.names[7]).toEqual(['Tripos_fusus']);
    const mixed = buildTaxonPaths('t', ['a', 'b'], [row('a', 'K; D', 'kingdom;domain'), row('b', 'D; K', 'domain;kingdom')]);
    expect(mixed.ranks).toEqual(['domain', 'kingdom']);
  });

  it('reads lineages of unknown depth by position', () => {
    const paths = buildTaxonPaths('t', ['a', 'b'], [row('a', 'A; B; C; D', null), row('b', 'A; B; E', null)]);
    expect(paths.ranks).toEqual(['level_1', 'level_2', 'level_3', 'level_4']);
    expect(paths.codes[3]![1]).toBe(-1);
  });
});

describe('top-down vote', () => {
  const paths = buildTaxonPaths('t', ['a1', 'a2', 'b1', 'c1'], [
    row('a1', 'D; P; C; O; FamA; G1'),
    row('a2', 'D; P; C; O; FamA; G2'),
    row('b1', 'D; P; C; O; FamB; G3'),
    row('c1', 'D; P; C; O; FamB; G3'),
  ]);

  it('chooses the family first, then the genus within it (LCA-style), with shares of the whole vote', () => {
    // Near-equal weights: FamB's two members outvote FamA's nearer one and its genus G2 farther down.
    const hits = [{ index: 0, distance: 0.1 }, { index: 2, distance: 0.12 }, { index: 3, distance: 0.13 }, { index: 1, distance: 0.3 }];
    const evidence = rankEvidence(paths, hits, neighbourWeights(hits, 3, 1e9));
    expect(paths.names[4]![evidence[4]!.code]).toBe('FamB');
    expect(evidence[4]!.share).toBeCloseTo(2 / 3);
    expect(evidence[4]!.nearest).toBe(0.12);
    // The rival FamA is nearer than the winner: a negative margin.
    expect(evidence[4]!.margin).toBeCloseTo(-0.02);
    expect(paths.names[5]![evidence[5]!.code]).toBe('G3');
    expect(evidence[5]!.share).toBeCloseTo(2 / 3);
    expect(evidence[5]!.contextShare).toBe(0.5);
  });

  it('lets only the first k vote; the rest still count as rivals', () => {
    const hits = [{ index: 2, distance: 0.1 }, { index: 0, distance: 0.11 }, { index: 1, distance: 0.12 }];
    const evidence = rankEvidence(paths, hits, neighbourWeights(hits, 1, 0.01));
    expect(paths.names[5]![evidence[5]!.code]).toBe('G3');
    expect(evidence[5]!.share).toBe(1);
    expect(evidence[4]!.margin).toBeCloseTo(0.01);
  });
});

describe('logistic calibration', () => {
  it('recovers the coefficients of data drawn from a logistic model', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const rows: number[][] = [];
    const outcomes: boolean[] = [];
    for (let i = 0; i < 20_000; i += 1) {
      const x = [random() * 4 - 2, random() * 10];
      rows.push(x);
      outcomes.push(random() < predictLogistic({ weights: [0.5, 2, -0.3] }, x));
    }
    const fitted = fitLogistic(rows, outcomes, 1e-6);
    expect(fitted.weights[0]).toBeCloseTo(0.5, 0);
    expect(fitted.weights[1]).toBeCloseTo(2, 0);
    expect(fitted.weights[2]).toBeCloseTo(-0.3, 1);
  });

  it('stays finite on separable data and gives probabilities in [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.boolean()), { minLength: 1, maxLength: 60 }), (data) => {
        const model = fitLogistic(data.map(([x]) => [x]), data.map(([, y]) => y));
        expect(model.weights.every(Number.isFinite)).toBe(true);
        for (const [x] of data) {
          const p = predictLogistic(model, [x]);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 200 },
    );
  });
});
