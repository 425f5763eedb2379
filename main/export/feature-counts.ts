import type { Classification } from '../classify/read-assignment.ts';
import { assignedNames, countRows, type TaxonCounts } from './taxon-counts.ts';

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

/**
 * Counts per read (ASV) and sample, with each read's lineage: the feature table and taxonomy table that phyloseq,
 * QIIME 2 and MicrobiomeAnalyst take, rather than counts summed per taxon. Largest total first; ties by id.
 */
export function featureCounts(classification: Classification): FeatureCounts {
  return countRows<FeatureRow>(classification, (read) => read.queryId, (read, id) => ({
    taxon: id, names: assignedNames(read), confidence: read.assignedRanks > 0 ? read.calls[read.assignedRanks - 1]!.confidence : null,
  }));
}
