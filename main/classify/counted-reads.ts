import { loadSequences } from '../store/stored-vectors.ts';
import { Store } from '../store/store.ts';
import type { ClassifyQueries } from './classify-queries.ts';
import { countsOfReads, quotedName, sequenceNamedSide, withFeatureNames, type CountTable, type ReadCounts } from './count-table.ts';
import type { ReadAssignment } from './read-assignment.ts';

/**
 * A run's reads under a count table: each read it counts becomes one row per sample it was counted in, with that
 * sample's count (`reads`); a read it counts nowhere is in no sample of the study and is left out (`distinct` keeps
 * one row per remaining read). What does not match either way is a warning.
 */
export async function countedReads(
  classified: readonly ReadAssignment[], table: CountTable, queries: ClassifyQueries, storeDir: string, warn: (message: string) => void,
): Promise<{ distinct: ReadAssignment[]; reads: ReadAssignment[] }> {
  const counts = await readCountsOf(table, queries, storeDir);
  warnAboutCounts(counts, table.file, queries.ids, warn);
  const distinct = classified.filter((read) => counts.byRead.has(read.queryId));
  const reads = distinct.flatMap((read) => counts.byRead.get(read.queryId)!.map(({ sample, count }) => ({ ...read, sample, abundance: count })));
  return { distinct, reads };
}

/**
 * The count table's counts of each read, by id; or, for a table whose features are named by their sequences (DADA2's
 * seqtab), by sequence, each counted on the first read with that sequence (as the store keeps it: upper case).
 */
async function readCountsOf(table: CountTable, queries: ClassifyQueries, storeDir: string): Promise<ReadCounts> {
  const side = sequenceNamedSide(table, queries.ids);
  if (!side) return countsOfReads(table, queries.ids);
  const readWith = new Map<string, string>();
  const store = await Store.open(storeDir, { readonly: true });
  try {
    for (const file of queries.files) {
      for (const [id, { sequence }] of await loadSequences(store, file.datasetId)) if (!readWith.has(sequence)) readWith.set(sequence, id);
    }
  } finally {
    await store.close();
  }
  return countsOfReads(withFeatureNames(table, side, (name) => readWith.get(name.toUpperCase()) ?? name), queries.ids);
}

/**
 * Reads the count table does not count, and features of the table that are no read: both said, with the first of
 * each, since either is usually a FASTA and a table of different steps of a pipeline (ASVs written before chimera
 * removal, the table after).
 */
function warnAboutCounts(counts: ReadCounts, file: string, ids: readonly string[], warn: (message: string) => void): void {
  const uncounted = ids.filter((id) => !counts.byRead.has(id));
  if (uncounted.length > 0) {
    warn(`${uncounted.length} of ${ids.length} reads have no count in ${file} (first: ${quotedName(uncounted[0]!)}): they are in no sample, and are left out of the run's files (classify without --counts to name them)`);
  }
  if (counts.unmatched.length > 0) {
    warn(`${counts.unmatched.length} ASVs/OTUs of ${file} are not among the reads (first: ${quotedName(counts.unmatched[0]!)}): their counts are left out`);
  }
}
