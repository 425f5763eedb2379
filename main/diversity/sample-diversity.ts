import type { TaxonCounts } from '../export/taxon-counts.ts';
import { alphaDiversity, type AlphaDiversity } from './alpha-diversity.ts';
import { brayCurtis, distanceMatrix, jaccard } from './beta-diversity.ts';
import { pcoa, type Ordination } from './pcoa.ts';
import { curveDepths, expectedRichness } from './rarefaction.ts';

/** Points per rarefaction curve. */
const CURVE_POINTS = 25;

/** Everything the diversity export and the report show, for the samples of a feature × sample table. */
export interface SampleDiversity {
  /** Samples with at least one read counted (in the table's order). */
  samples: string[];
  alpha: AlphaDiversity[];
  /** The smallest sample's reads: every sample's richness rarefied to it compares samples sequenced unequally deep. */
  commonDepth: number;
  rarefiedRichness: number[];
  /** Per sample, its rarefaction curve up to all its reads. */
  curves: { depth: number; richness: number }[][];
  brayCurtis: number[][];
  jaccard: number[][];
  /** Principal coordinates of the Bray–Curtis dissimilarities; null with fewer than three samples. */
  ordination: Ordination | null;
}

/** Diversity of each sample and between samples, from counts per feature (rows) and sample (columns). */
export function sampleDiversity(table: Pick<TaxonCounts, 'samples' | 'rows'>): SampleDiversity {
  const columns = table.samples.map((sample, s) => ({ sample, counts: table.rows.map((row) => row.counts[s]!) })).filter((column) => column.counts.some((count) => count > 0));
  const alpha = columns.map((column) => alphaDiversity(column.counts));
  const commonDepth = Math.min(...alpha.map((a) => a.reads));
  const brayCurtisMatrix = distanceMatrix(columns.map((c) => c.counts), brayCurtis);
  return {
    samples: columns.map((column) => column.sample),
    alpha,
    commonDepth: columns.length > 0 ? commonDepth : 0,
    rarefiedRichness: columns.map((column) => expectedRichness(column.counts, commonDepth)),
    curves: columns.map((column, s) => curveDepths(alpha[s]!.reads, CURVE_POINTS).map((depth) => ({ depth, richness: expectedRichness(column.counts, depth) }))),
    brayCurtis: brayCurtisMatrix,
    jaccard: distanceMatrix(columns.map((c) => c.counts), jaccard),
    ordination: columns.length >= 3 ? pcoa(brayCurtisMatrix, 2) : null,
  };
}
