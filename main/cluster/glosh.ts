import type { CondensedTree } from './condensed-tree.ts';

/**
 * GLOSH outlier scores (Campello et al. 2015, as the reference `outlier_scores`):
 * score(p) = (λ_max − λ_p) / λ_max, where λ_p is where p left its cluster and λ_max is the largest
 * λ anywhere in that cluster's subtree. 0 = as dense as the densest part of its cluster, → 1 = outlier.
 */
export function gloshScores(tree: CondensedTree): Float32Array {
  const n = tree.pointCount;
  const k = tree.clusterCount;
  const deepest = new Float64Array(k);
  for (let r = 0; r < tree.rows; r++) {
    const p = tree.parent[r]! - n;
    if (tree.lambda[r]! > deepest[p]!) deepest[p] = tree.lambda[r]!;
  }
  // Propagate subtree maxima upward; rows of larger parents (deeper clusters) first.
  const clusterRows: number[] = [];
  for (let r = 0; r < tree.rows; r++) if (tree.child[r]! >= n) clusterRows.push(r);
  clusterRows.sort((a, b) => tree.parent[b]! - tree.parent[a]!);
  for (const r of clusterRows) {
    const c = tree.child[r]! - n;
    const p = tree.parent[r]! - n;
    if (deepest[c]! > deepest[p]!) deepest[p] = deepest[c]!;
  }
  const scores = new Float32Array(n);
  for (let r = 0; r < tree.rows; r++) {
    const point = tree.child[r]!;
    if (point >= n) continue;
    const maxLambda = deepest[tree.parent[r]! - n]!;
    scores[point] = maxLambda === 0 ? 0 : (maxLambda - tree.lambda[r]!) / maxLambda;
  }
  return scores;
}
