import type { Classification } from '../classify/read-assignment.ts';
import { assignedNames, sampleNames, type TaxonCounts } from './taxon-counts.ts';

/** One read's (ASV's) row of a feature table: its counts per sample, its assigned lineage and that lineage's confidence. */
export interface FeatureRow {
  /** The read id, in the `taxon` field so that the taxon table's writers (BIOM) take feature rows as they are. */
  taxon: string;
  names: string[];
  /** Confidence of the deepest assigned rank; null when unassigned. */
  confidence: number | null;
  counts: number[];
  total: number;
}

export interface FeatureCounts extends TaxonCounts {
  rows: FeatureRow[];
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Counts per read (ASV) and sample, with each read's lineage: the feature table and taxonomy table that phyloseq,
 * QIIME 2 and MicrobiomeAnalyst take, rather than counts summed per taxon. Largest total first; ties by id.
 */
export function featureCounts(classification: Classification): FeatureCounts {
  const samples = sampleNames(classification);
  const column = new Map(samples.map((sample, i) => [sample, i]));
  const rows = new Map<string, FeatureRow>();
  for (const read of classification.reads) {
    let row = rows.get(read.queryId);
    if (!row) {
      const names = assignedNames(read);
      const confidence = read.assignedRanks > 0 ? read.calls[read.assignedRanks - 1]!.confidence : null;
      rows.set(read.queryId, (row = { taxon: read.queryId, names, confidence, counts: samples.map(() => 0), total: 0 }));
    }
    row.counts[column.get(read.sample)!]! += read.abundance;
    row.total += read.abundance;
  }
  return { samples, rows: [...rows.values()].sort((a, b) => b.total - a.total || byCodePoint(a.taxon, b.taxon)) };
}
