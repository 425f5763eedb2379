import { csvLine, tsvLine } from './csv.ts';
import type { TaxonCounts } from './taxon-counts.ts';

export type TableFormat = 'tsv' | 'csv';

/** taxon_table.tsv: one row per taxon (largest first), one column per sample (sorted), summed abundances. */
export function formatTaxonTable(counts: TaxonCounts, format: TableFormat): string {
  const line = format === 'csv' ? csvLine : tsvLine;
  return [line(['taxon', ...counts.samples]), ...counts.rows.map((row) => line([row.taxon, ...row.counts]))].join('');
}
