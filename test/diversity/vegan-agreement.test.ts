import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectedRichness } from '../../main/diversity/rarefaction.ts';
import { sampleDiversity } from '../../main/diversity/sample-diversity.ts';
import type { TaxonCounts } from '../../main/export/taxon-counts.ts';

const fixtures = new URL('../fixtures/diversity/', import.meta.url);

interface VeganFigures {
  samples: string[];
  observed: number[];
  chao1: number[];
  shannon: number[];
  simpson: number[];
  evenness: number[];
  commonDepth: number;
  rarefied: number[];
  rarefiedAt50: number[];
  brayCurtis: number[][];
  jaccard: number[][];
  pcoaCoordinates: number[][];
  pcoaExplained: number[];
}

/** counts.tsv: one row per taxon, one column per sample. */
function readCounts(): TaxonCounts {
  const [header, ...lines] = readFileSync(new URL('counts.tsv', fixtures), 'utf8').trim().split('\n');
  return {
    samples: header!.split('\t').slice(1),
    rows: lines.map((line) => {
      const [taxon, ...counts] = line.split('\t');
      const numbers = counts.map(Number);
      return { taxon: taxon!, names: [taxon!], counts: numbers, total: numbers.reduce((a, b) => a + b, 0) };
    }),
  };
}

const vegan = JSON.parse(readFileSync(new URL('vegan-expected.json', fixtures), 'utf8')) as VeganFigures;

describe('diversity agrees with R’s vegan', () => {
  const table = readCounts();
  const ours = sampleDiversity(table);
  const close = (actual: readonly number[], expected: readonly number[]): void => {
    expect(actual).toHaveLength(expected.length);
    actual.forEach((value, i) => expect(value).toBeCloseTo(expected[i]!, 10));
  };

  it('within samples: richness, Chao1, Shannon, Simpson, evenness and rarefied richness', () => {
    expect(ours.samples).toEqual(vegan.samples);
    close(ours.alpha.map((a) => a.observed), vegan.observed);
    close(ours.alpha.map((a) => a.chao1), vegan.chao1);
    close(ours.alpha.map((a) => a.shannon), vegan.shannon);
    close(ours.alpha.map((a) => a.simpson), vegan.simpson);
    close(ours.alpha.map((a) => a.evenness!), vegan.evenness);
    expect(ours.commonDepth).toBe(vegan.commonDepth);
    close(ours.rarefiedRichness, vegan.rarefied);
    close(table.samples.map((_, s) => expectedRichness(table.rows.map((row) => row.counts[s]!), 50)), vegan.rarefiedAt50);
  });

  it('between samples: Bray–Curtis, Jaccard and the principal coordinates (up to each axis’s sign)', () => {
    ours.brayCurtis.forEach((row, i) => close(row, vegan.brayCurtis[i]!));
    ours.jaccard.forEach((row, i) => close(row, vegan.jaccard[i]!));
    close(ours.ordination!.explained, vegan.pcoaExplained);
    for (let axis = 0; axis < 2; axis += 1) {
      const theirs = vegan.pcoaCoordinates.map((point) => point[axis]!);
      const mine = ours.ordination!.coordinates.map((point) => point[axis]!);
      const sign = Math.sign(mine[0]!) === Math.sign(theirs[0]!) ? 1 : -1;
      close(mine.map((value) => sign * value), theirs);
    }
  });
});
