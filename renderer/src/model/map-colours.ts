import type { ClusterMap } from '../../../main/api/contract/contract-results.ts';
import type { ReadAssignment } from '../../../main/classify/read-assignment.ts';

export type ColourBy = 'cluster' | 'taxon' | 'confidence' | 'novelty';

/** One scattergl trace per group for categories (so the legend names them), one trace with a colour scale for numbers. */
export interface MapTraces {
  groups: { name: string; indices: number[] }[] | null;
  values: number[] | null;
}

/** How the map colours its points; taxon, confidence and novelty come from the run's assignments, joined by read id. */
export function mapColours(map: ClusterMap, by: ColourBy, reads: readonly ReadAssignment[] | null, rank: number): MapTraces {
  if (by === 'cluster') {
    if (!map.cluster) return { groups: [{ name: 'all points', indices: map.ids.map((_, i) => i) }], values: null };
    return { groups: group(map.cluster.map((c) => (c < 0 ? 'noise' : `cluster ${c}`))), values: null };
  }
  const byId = new Map((reads ?? []).map((r) => [r.queryId, r]));
  const readOf = (i: number) => byId.get(map.ids[i]!);
  if (by === 'taxon') {
    return { groups: group(map.ids.map((_, i) => { const r = readOf(i); return r && r.assignedRanks > rank ? r.calls[rank]!.name : 'Unassigned'; })), values: null };
  }
  if (by === 'confidence') return { groups: null, values: map.ids.map((_, i) => { const r = readOf(i); return r && r.calls[rank] ? r.calls[rank].confidence : 0; }) };
  return { groups: null, values: map.ids.map((_, i) => readOf(i)?.noveltyScore ?? 0) };
}

/** Categories by size, largest first, with the tail beyond 20 merged so the legend stays readable. */
function group(labels: string[]): { name: string; indices: number[] }[] {
  const groups = new Map<string, number[]>();
  labels.forEach((label, i) => {
    const list = groups.get(label) ?? [];
    list.push(i);
    groups.set(label, list);
  });
  const sorted = [...groups].sort((a, b) => b[1].length - a[1].length).map(([name, indices]) => ({ name, indices }));
  if (sorted.length <= 20) return sorted;
  return [...sorted.slice(0, 19), { name: 'other', indices: sorted.slice(19).flatMap((g) => g.indices) }];
}
