import type { ReadAssignment } from '../../../main/classify/read-assignment.ts';

export const UNASSIGNED = 'Unassigned';
/** Taxa drawn per chart; the rest are summed as Other, as the HTML report does. */
export const SHOWN_TAXA = 12;

/** Abundance per sample and taxon at a rank (reads not assigned down to it count as Unassigned). */
export function compositionAt(reads: readonly ReadAssignment[], rank: number): { samples: string[]; taxa: string[]; counts: Map<string, Map<string, number>> } {
  const counts = new Map<string, Map<string, number>>();
  const totals = new Map<string, number>();
  for (const read of reads) {
    const taxon = read.assignedRanks > rank ? read.calls[rank]!.name : UNASSIGNED;
    const perSample = counts.get(taxon) ?? new Map<string, number>();
    perSample.set(read.sample, (perSample.get(read.sample) ?? 0) + read.abundance);
    counts.set(taxon, perSample);
    totals.set(taxon, (totals.get(taxon) ?? 0) + read.abundance);
  }
  const samples = [...new Set(reads.map((r) => r.sample))].sort();
  const ranked = [...totals].sort((a, b) => b[1] - a[1]).map(([taxon]) => taxon);
  if (ranked.length <= SHOWN_TAXA) return { samples, taxa: ranked, counts };
  const other = new Map<string, number>();
  for (const taxon of ranked.slice(SHOWN_TAXA)) for (const [sample, n] of counts.get(taxon)!) other.set(sample, (other.get(sample) ?? 0) + n);
  counts.set('Other', other);
  return { samples, taxa: [...ranked.slice(0, SHOWN_TAXA), 'Other'], counts };
}

/** Sunburst nodes (plotly's ids/parents/values) of the assigned lineages, weighted by abundance. */
export function lineageTree(reads: readonly ReadAssignment[]): { ids: string[]; labels: string[]; parents: string[]; values: number[] } {
  const value = new Map<string, number>();
  const label = new Map<string, string>();
  const parent = new Map<string, string>();
  for (const read of reads) {
    const names = read.assignedRanks > 0 ? read.calls.slice(0, read.assignedRanks).map((c) => c.name) : [UNASSIGNED];
    let path = '';
    for (const name of names) {
      const id = path ? `${path}/${name}` : name;
      if (!value.has(id)) {
        label.set(id, name);
        parent.set(id, path);
      }
      value.set(id, (value.get(id) ?? 0) + read.abundance);
      path = id;
    }
  }
  const ids = [...value.keys()];
  return { ids, labels: ids.map((id) => label.get(id)!), parents: ids.map((id) => parent.get(id)!), values: ids.map((id) => value.get(id)!) };
}
