import { UNASSIGNED, type TaxonCounts } from './taxon-counts.ts';

/**
 * A BIOM 1.0 (JSON) OTU table: the format QIIME 1, phyloseq (import_biom) and MEGAN read. Rows are taxa (or reads,
 * for a feature table) with their lineage as `metadata.taxonomy`, columns are samples, and the matrix is sparse ([row, column, value]
 * triples for the non-zero cells). Field names follow http://biom-format.org/documentation/format_versions/biom-1.0.html.
 */
export interface BiomTable {
  id: string | null;
  format: string;
  format_url: string;
  type: 'OTU table';
  generated_by: string;
  date: string;
  rows: { id: string; metadata: { taxonomy: string[] } }[];
  columns: { id: string; metadata: null }[];
  matrix_type: 'sparse';
  matrix_element_type: 'int' | 'float';
  shape: [number, number];
  data: [number, number, number][];
}

export function biomTable(counts: TaxonCounts, options: { id: string | null; generatedBy: string; date: Date }): BiomTable {
  const data: [number, number, number][] = [];
  counts.rows.forEach((row, r) => row.counts.forEach((value, c) => value !== 0 && data.push([r, c, value])));
  return {
    id: options.id,
    format: 'Biological Observation Matrix 1.0.0',
    format_url: 'http://biom-format.org/documentation/format_versions/biom-1.0.html',
    type: 'OTU table',
    generated_by: options.generatedBy,
    date: options.date.toISOString(),
    rows: counts.rows.map((row) => ({ id: row.taxon, metadata: { taxonomy: row.names.length > 0 ? row.names : [UNASSIGNED] } })),
    columns: counts.samples.map((sample) => ({ id: sample, metadata: null })),
    matrix_type: 'sparse',
    // Dereplicated abundances are whole reads; a float type is only needed if a caller summed fractional weights.
    matrix_element_type: data.every(([, , value]) => Number.isInteger(value)) ? 'int' : 'float',
    shape: [counts.rows.length, counts.samples.length],
    data,
  };
}
