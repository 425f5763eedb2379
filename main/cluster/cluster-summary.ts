import type { Classification, ReadAssignment } from '../classify/read-assignment.ts';

/** Members listed as exemplars per cluster: the ones HDBSCAN is surest of. */
const EXEMPLARS = 5;
/** Taxa listed per rank in a cluster's composition. */
const TOP_TAXA = 5;

export interface ClusterPoints {
  ids: readonly string[];
  /** The space that was clustered (UMAP coordinates or embeddings), n × dim. */
  space: Float32Array;
  dim: number;
  labels: Int32Array;
  probabilities: Float32Array;
  outlierScores: Float32Array;
}

export interface ClusterComposition {
  /** Members found in the assignments file. */
  classified: number;
  /** Per rank, the most common assigned names and their share of the cluster's members. */
  ranks: { rank: string; assigned: number; top: { name: string; count: number; share: number }[] }[];
  novelShare: number;
  /** Share of members with no confident assignment at the lowest rank (missing members count as such). */
  unassignedLowestShare: number;
  /** Share of members the classify run's chimera check listed (chimeras.tsv). */
  chimeraShare: number;
}

export interface ClusterSummary {
  cluster: number;
  size: number;
  /** The member nearest the cluster's centroid in the clustered space. */
  medoid: string;
  exemplars: string[];
  meanProbability: number;
  meanOutlierScore: number;
  composition: ClusterComposition | null;
  /**
   * Most members lack a confident lowest-rank (genus) assignment, and most are not chimeras of two references:
   * candidates for taxa the reference lacks.
   */
  putative_novel: boolean | null;
}

/** One entry per cluster, plus the noise points' composition, for clusters.json. */
export function summariseClusters(points: ClusterPoints, classification: Classification | null, chimeras: ReadonlySet<string> = new Set()): { clusters: ClusterSummary[]; noise: { size: number; composition: ClusterComposition | null } } {
  const members = new Map<number, number[]>();
  points.labels.forEach((label, i) => {
    const list = members.get(label) ?? [];
    list.push(i);
    members.set(label, list);
  });
  const byId = classification ? new Map(classification.reads.map((read) => [read.queryId, read])) : null;
  const compose = (list: number[]) => (classification && byId ? composition(list.map((i) => byId.get(points.ids[i]!)), classification.ranks, chimeras) : null);
  const clusters = [...members.keys()].filter((label) => label >= 0).sort((a, b) => a - b).map((label): ClusterSummary => {
    const list = members.get(label)!;
    const comp = compose(list);
    return {
      cluster: label,
      size: list.length,
      medoid: points.ids[centroidNearest(points, list)]!,
      exemplars: [...list]
        .sort((a, b) => points.probabilities[b]! - points.probabilities[a]! || points.outlierScores[a]! - points.outlierScores[b]! || a - b)
        .slice(0, EXEMPLARS)
        .map((i) => points.ids[i]!),
      meanProbability: mean(list.map((i) => points.probabilities[i]!)),
      meanOutlierScore: mean(list.map((i) => points.outlierScores[i]!)),
      composition: comp,
      putative_novel: comp ? comp.unassignedLowestShare > 0.5 && comp.chimeraShare < 0.5 : null,
    };
  });
  const noise = members.get(-1) ?? [];
  return { clusters, noise: { size: noise.length, composition: noise.length > 0 ? compose(noise) : null } };
}

function composition(reads: (ReadAssignment | undefined)[], ranks: readonly string[], chimeras: ReadonlySet<string>): ClusterComposition {
  const size = reads.length;
  const known = reads.filter((read): read is ReadAssignment => read !== undefined);
  return {
    classified: known.length,
    ranks: ranks.map((rank, r) => {
      const counts = new Map<string, number>();
      for (const read of known) if (read.assignedRanks > r) counts.set(read.calls[r]!.name, (counts.get(read.calls[r]!.name) ?? 0) + 1);
      const top = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, TOP_TAXA);
      return { rank, assigned: [...counts.values()].reduce((s, c) => s + c, 0), top: top.map(([name, count]) => ({ name, count, share: count / size })) };
    }),
    novelShare: known.filter((read) => read.novel).length / size,
    unassignedLowestShare: (size - known.filter((read) => read.assignedRanks >= ranks.length).length) / size,
    chimeraShare: known.filter((read) => chimeras.has(read.queryId)).length / size,
  };
}

function centroidNearest(points: ClusterPoints, list: number[]): number {
  const { space, dim } = points;
  const centre = new Float64Array(dim);
  for (const i of list) for (let d = 0; d < dim; d++) centre[d] = centre[d]! + space[i * dim + d]! / list.length;
  let best = list[0]!;
  let bestDistance = Infinity;
  for (const i of list) {
    let sum = 0;
    for (let d = 0; d < dim; d++) sum += (space[i * dim + d]! - centre[d]!) ** 2;
    if (sum < bestDistance) { bestDistance = sum; best = i; }
  }
  return best;
}

const mean = (values: number[]): number => (values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length);
