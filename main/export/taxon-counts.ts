import type { Classification, ReadAssignment } from '../classify/read-assignment.ts';
import { EngineError } from '../shared/engine-error.ts';

export const UNASSIGNED = 'Unassigned';

/** One taxon's row of a taxon × sample table. */
export interface TaxonRow {
  /** The assigned names joined with ';', or 'Unassigned'. */
  taxon: string;
  /** The assigned names top-down (empty for Unassigned). */
  names: string[];
  /** Summed abundance per sample, in the order of `TaxonCounts.samples`. */
  counts: number[];
  total: number;
}

export interface TaxonCounts {
  /** Sorted (by code point, so the order is the same on every machine). */
  samples: string[];
  /** By total, largest first; ties by taxon. */
  rows: TaxonRow[];
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The index of a rank, or an error naming the ranks there are. */
export function rankIndex(classification: Classification, rank: string): number {
  const index = classification.ranks.indexOf(rank);
  if (index < 0) throw new EngineError('bad_request', `no rank "${rank}" in this run (ranks: ${classification.ranks.join(', ')})`);
  return index;
}

/** The run's samples, in the order every export lists them. */
export const sampleNames = (classification: Classification): string[] => [...new Set(classification.reads.map((read) => read.sample))].sort(byCodePoint);

/** A read's assigned names, cut below `depth` ranks when aggregating at a rank. */
export function assignedNames(read: ReadAssignment, depth = Infinity): string[] {
  return read.calls.slice(0, Math.min(read.assignedRanks, depth)).map((call) => call.name);
}

export const taxonLabel = (names: readonly string[]): string => (names.length === 0 ? UNASSIGNED : names.join(';'));

/**
 * Summed abundances per taxon and sample. With `rank`, lineages are truncated at that rank, so reads assigned
 * only above it keep their shorter lineage rather than disappearing.
 */
export function countTaxa(classification: Classification, rank?: string): TaxonCounts {
  const depth = rank === undefined ? Infinity : rankIndex(classification, rank) + 1;
  return countRows(classification, (read) => taxonLabel(assignedNames(read, depth)), (read, taxon) => ({ taxon, names: assignedNames(read, depth) }));
}

/**
 * Abundances summed per row and sample, rows keyed by `keyOf` (a taxon, or a read for a feature table) and started by
 * `start` from their first read; by total, largest first, ties by key.
 */
export function countRows<R extends TaxonRow>(
  classification: Classification, keyOf: (read: ReadAssignment) => string, start: (read: ReadAssignment, key: string) => Omit<R, 'counts' | 'total'>,
): { samples: string[]; rows: R[] } {
  const samples = sampleNames(classification);
  const column = new Map(samples.map((sample, i) => [sample, i]));
  const rows = new Map<string, R>();
  for (const read of classification.reads) {
    const key = keyOf(read);
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { ...start(read, key), counts: samples.map(() => 0), total: 0 } as R));
    row.counts[column.get(read.sample)!]! += read.abundance;
    row.total += read.abundance;
  }
  return { samples, rows: [...rows.values()].sort((a, b) => b.total - a.total || byCodePoint(a.taxon, b.taxon)) };
}
