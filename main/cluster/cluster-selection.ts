import type { CondensedTree } from './condensed-tree.ts';

export type SelectionMethod = 'eom' | 'leaf';

export interface SelectionOptions {
  readonly method: SelectionMethod;
  readonly epsilon: number;
  readonly allowSingleCluster: boolean;
}

/** Per-cluster facts derived from the condensed tree, indexed by cluster id − n. */
export interface ClusterTreeFacts {
  /** Parent cluster id − n, or −1 for the root. */
  readonly parentOf: Int32Array;
  /** λ at which the cluster was born (0 for the root). */
  readonly birth: Float64Array;
  /** Σ over rows leaving the cluster of (λ − birth) × childSize. */
  readonly stability: Float64Array;
  /** Child cluster ids − n for each cluster. */
  readonly children: number[][];
}

export function clusterTreeFacts(tree: CondensedTree): ClusterTreeFacts {
  const n = tree.pointCount;
  const k = tree.clusterCount;
  const parentOf = new Int32Array(k).fill(-1);
  const birth = new Float64Array(k);
  const stability = new Float64Array(k);
  const children: number[][] = Array.from({ length: k }, () => []);
  for (let r = 0; r < tree.rows; r++) {
    const c = tree.child[r]!;
    if (c >= n) {
      parentOf[c - n] = tree.parent[r]! - n;
      birth[c - n] = tree.lambda[r]!;
      children[tree.parent[r]! - n]!.push(c - n);
    }
  }
  for (let r = 0; r < tree.rows; r++) {
    const p = tree.parent[r]! - n;
    stability[p] = stability[p]! + (tree.lambda[r]! - birth[p]!) * tree.childSize[r]!;
  }
  return { parentOf, birth, stability, children };
}

/**
 * Chooses the flat clustering (returns the selected cluster ids − n, ascending), as the reference:
 * excess of mass keeps a cluster when its stability is at least the summed stability of its selected
 * descendants; leaf takes the leaves of the cluster tree. The root is a candidate only with
 * allowSingleCluster. With epsilon > 0, a selected cluster born at a distance below epsilon is replaced
 * by its nearest ancestor born at a distance above epsilon (never the root unless allowSingleCluster).
 */
export function selectClusters(facts: ClusterTreeFacts, options: SelectionOptions): number[] {
  const k = facts.parentOf.length;
  const selected = new Uint8Array(k);
  if (options.method === 'eom') {
    const stability = Float64Array.from(facts.stability);
    const lowest = options.allowSingleCluster ? 0 : 1;
    // Descending ids visit children before parents (children always have larger ids).
    for (let c = k - 1; c >= lowest; c--) {
      let subtree = 0;
      for (const child of facts.children[c]!) subtree += stability[child]!;
      if (subtree > stability[c]!) {
        stability[c] = subtree;
      } else {
        selected[c] = 1;
        const stack = [...facts.children[c]!];
        while (stack.length > 0) {
          const x = stack.pop()!;
          selected[x] = 0;
          stack.push(...facts.children[x]!);
        }
      }
    }
    if (options.epsilon > 0 && !(options.allowSingleCluster && selected[0])) {
      return epsilonSearch(facts, listSelected(selected), options);
    }
    return listSelected(selected);
  }
  const leaves: number[] = [];
  for (let c = 1; c < k; c++) if (facts.children[c]!.length === 0) leaves.push(c);
  // No split at all: only the root remains, and it is a cluster only when allowed.
  if (leaves.length === 0) return k > 0 && options.allowSingleCluster ? [0] : [];
  return options.epsilon > 0 ? epsilonSearch(facts, leaves, options) : leaves;
}

function listSelected(selected: Uint8Array): number[] {
  const out: number[] = [];
  for (let c = 0; c < selected.length; c++) if (selected[c]) out.push(c);
  return out;
}

function epsilonSearch(facts: ClusterTreeFacts, clusters: number[], options: SelectionOptions): number[] {
  const chosen = new Set<number>();
  const processed = new Uint8Array(facts.parentOf.length);
  for (const leaf of clusters) {
    const birthDistance = 1 / facts.birth[leaf]!;
    if (birthDistance >= options.epsilon) { chosen.add(leaf); continue; }
    if (processed[leaf]) continue;
    const ancestor = climbAboveEpsilon(facts, leaf, options);
    chosen.add(ancestor);
    const stack = [ancestor];
    while (stack.length > 0) {
      const x = stack.pop()!;
      processed[x] = 1;
      stack.push(...facts.children[x]!);
    }
  }
  return [...chosen].sort((a, b) => a - b);
}

function climbAboveEpsilon(facts: ClusterTreeFacts, cluster: number, options: SelectionOptions): number {
  for (;;) {
    const parent = facts.parentOf[cluster]!;
    if (parent === 0) return options.allowSingleCluster ? parent : cluster;
    if (1 / facts.birth[parent]! > options.epsilon) return parent;
    cluster = parent;
  }
}
