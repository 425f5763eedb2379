import type { Classification, ReadAssignment } from '../classify/read-assignment.ts';

/**
 * One ReadAssignment per read, for what counts or writes reads rather than abundances (FASTA, tallies of reads,
 * evaluation): a read counted in several samples by a count table has its abundances summed and no sample ('').
 */
export function distinctReads(classification: Classification): ReadAssignment[] {
  const byId = new Map<string, ReadAssignment>();
  for (const read of classification.reads) {
    const earlier = byId.get(read.queryId);
    byId.set(read.queryId, earlier ? { ...earlier, sample: '', abundance: earlier.abundance + read.abundance } : read);
  }
  return [...byId.values()];
}
