import { csvLine, tsvLine } from './csv.ts';
import type { FeatureCounts } from './feature-counts.ts';
import { taxonLabel, type TaxonCounts } from './taxon-counts.ts';

export type TableFormat = 'tsv' | 'csv';

/** taxon_table.tsv: one row per taxon (largest first), one column per sample (sorted), summed abundances. */
export function formatTaxonTable(counts: TaxonCounts, format: TableFormat): string {
  const line = format === 'csv' ? csvLine : tsvLine;
  return [line(['taxon', ...counts.samples]), ...counts.rows.map((row) => line([row.taxon, ...row.counts]))].join('');
}

/**
 * feature_table: one row per read (ASV), largest first, its count in each sample, then its assigned lineage (names
 * joined with ';', or Unassigned) and the confidence of its deepest assigned rank: the ASV and taxonomy tables of
 * an amplicon study in one sheet.
 */
export function formatFeatureTable(counts: FeatureCounts, format: TableFormat): string {
  const line = format === 'csv' ? csvLine : tsvLine;
  const rows = counts.rows.map((row) => line([row.taxon, ...row.counts, taxonLabel(row.names), row.confidence === null ? '' : row.confidence.toFixed(3)]));
  return [line(['feature', ...counts.samples, 'taxonomy', 'confidence']), ...rows].join('');
}
