import type { ClusterMap } from '../../../main/api/contract/contract-results.ts';
import type { ReadAssignment } from '../../../main/classify/read-assignment.ts';
import { csvLine } from '../../../main/export/csv.ts';

/** The selected points, one line each: id, map position, cluster (−1 = noise), and the read's classification when the run has one. */
export function selectionCsv(map: ClusterMap, ids: readonly string[], reads: readonly ReadAssignment[] | null): string {
  const index = new Map(map.ids.map((id, i) => [id, i]));
  const byId = new Map((reads ?? []).map((r) => [r.queryId, r]));
  const lines = ids.map((id) => {
    const i = index.get(id)!;
    const read = byId.get(id);
    const deepest = read && read.assignedRanks > 0 ? read.calls[read.assignedRanks - 1] : undefined;
    const lineage = read ? read.calls.slice(0, read.assignedRanks).map((c) => c.name).join(';') : null;
    return csvLine([id, map.x[i], map.y[i], map.cluster ? map.cluster[i] : null, lineage, deepest?.confidence ?? null, read?.noveltyScore ?? null]);
  });
  return csvLine(['id', 'x', 'y', 'cluster', 'lineage', 'confidence', 'novelty']) + lines.join('');
}

/** FASTA with one line per sequence, as the store holds them. */
export const selectionFasta = (sequences: readonly { id: string; sequence: string }[]): string => sequences.map((s) => `>${s.id}\n${s.sequence}\n`).join('');

export const selectionTsv = (ids: readonly string[]): string => `id\n${ids.join('\n')}\n`;
