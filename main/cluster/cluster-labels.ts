import type { ClusterTreeFacts } from './cluster-selection.ts';
import type { CondensedTree } from './condensed-tree.ts';

export interface FlatClustering {
  /** Cluster label per point, −1 for noise; 0..k-1 numbered by each cluster's first point in input order. */
  readonly labels: Int32Array;
  /** Membership strength per point: λ_p / λ_max of its cluster, clipped to 1; 0 for noise. */
  readonly probabilities: Float32Array;
}

/**
 * Labels each point with its nearest selected ancestor cluster (reference `do_labelling`) and
 * computes membership probabilities (reference `get_probabilities`). A point whose only selected
 * ancestor is the root is noise unless the root is the single selected cluster and allowed; then,
 * as the reference does, it joins only if it left the root at λ ≥ 1/epsilon (epsilon > 0) or at the
 * root's largest λ (epsilon = 0).
 */
export function labelPoints(
  tree: CondensedTree,
  facts: ClusterTreeFacts,
  selectedClusters: readonly number[],
  allowSingleCluster: boolean,
  epsilon: number,
): FlatClustering {
  const n = tree.pointCount;
  const k = facts.parentOf.length;
  const labelOfCluster = new Int32Array(k).fill(-1);
  selectedClusters.forEach((c, label) => { labelOfCluster[c] = label; });
  // Selected ancestor-or-self of each cluster; parents precede children in id order.
  const owner = new Int32Array(k).fill(-1);
  for (let c = 0; c < k; c++) {
    owner[c] = labelOfCluster[c]! >= 0 ? c : c === 0 ? -1 : owner[facts.parentOf[c]!]!;
  }
  // Death λ of each cluster: the largest λ among rows leaving it directly.
  const death = new Float64Array(k);
  for (let r = 0; r < tree.rows; r++) {
    const p = tree.parent[r]! - n;
    if (tree.lambda[r]! > death[p]!) death[p] = tree.lambda[r]!;
  }
  const rootIsSingleCluster = allowSingleCluster && selectedClusters.length === 1 && selectedClusters[0] === 0;

  const labels = new Int32Array(n).fill(-1);
  const probabilities = new Float32Array(n);
  for (let r = 0; r < tree.rows; r++) {
    const point = tree.child[r]!;
    if (point >= n) continue;
    const cluster = owner[tree.parent[r]! - n]!;
    if (cluster < 0) continue;
    const l = tree.lambda[r]!;
    if (cluster === 0) {
      if (!rootIsSingleCluster) continue;
      const threshold = epsilon > 0 ? 1 / epsilon : death[0]!;
      if (l < threshold) continue;
    }
    labels[point] = labelOfCluster[cluster]!;
    const maxLambda = death[cluster]!;
    probabilities[point] = maxLambda === 0 ? 1 : Math.min(l, maxLambda) / maxLambda;
  }
  return { labels: numberByFirstMember(labels), probabilities };
}

/**
 * Renumbers labels in order of first appearance. Condensed-tree ids depend on how tied merge
 * heights were sequenced, so this is what makes the numbering a function of the input alone.
 */
function numberByFirstMember(labels: Int32Array): Int32Array {
  const renumbered = new Map<number, number>();
  const out = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (label < 0) { out[i] = -1; continue; }
    let next = renumbered.get(label);
    if (next === undefined) { next = renumbered.size; renumbered.set(label, next); }
    out[i] = next;
  }
  return out;
}
