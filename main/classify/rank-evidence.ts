import type { KnnHit } from '../lookup/index.ts';
import type { TaxonPaths } from './taxon-paths.ts';

/** What the neighbours say about one rank of a read: the winning taxon and how strongly. */
export interface RankEvidence {
  code: number;
  /** Winner's share of the total vote weight of all k neighbours (0–1). */
  share: number;
  /** Distance to the nearest neighbour belonging to the winner. */
  nearest: number;
  /**
   * How much nearer the winner is than its nearest rival (another taxon at this rank among the same-path
   * neighbours); when no rival is among the k, the k-th distance stands in for it, a lower bound.
   */
  margin: number;
  /** Share of all fetched neighbours (voters and rivals alike, unweighted) that belong to the winner. */
  contextShare: number;
}

/**
 * Vote weight of a neighbour: the first k vote, weighted by a kernel on how much farther each is than the
 * nearest one, so that a close neighbour outweighs several distant ones; the rest weigh 0 but still count as
 * rivals in `margin`. k and `bandwidth` are fitted on the reference (see fit-taxonomy-model.ts).
 */
export function neighbourWeights(hits: readonly KnnHit[], k: number, bandwidth: number): Float64Array {
  const weights = new Float64Array(hits.length);
  const nearest = hits[0]?.distance ?? 0;
  for (let i = 0; i < Math.min(k, hits.length); i += 1) weights[i] = Math.exp(-(hits[i]!.distance - nearest) / bandwidth);
  return weights;
}

/**
 * Top-down (LCA-style) consensus: at each rank the neighbours still agreeing with the taxa chosen above vote for
 * their taxon at this rank; the heaviest wins (ties go to the nearer taxon); only voting neighbours can win. Shares are taken of the weight of
 * all neighbours, so disagreement higher up lowers every rank below it. Stops at the first rank no remaining
 * neighbour is labelled at.
 */
export function rankEvidence(paths: TaxonPaths, hits: readonly KnnHit[], weights: Float64Array): RankEvidence[] {
  let total = 0;
  for (const w of weights) total += w;
  const evidence: RankEvidence[] = [];
  let active = hits.map((_, i) => i);
  for (let r = 0; r < paths.ranks.length && active.length > 0; r += 1) {
    const codes = paths.codes[r]!;
    const weightOf = new Map<number, number>();
    const nearestOf = new Map<number, number>();
    for (const i of active) {
      const code = codes[hits[i]!.index]!;
      if (code < 0) continue;
      weightOf.set(code, (weightOf.get(code) ?? 0) + weights[i]!);
      if (!nearestOf.has(code)) nearestOf.set(code, hits[i]!.distance);
    }
    let best = -1;
    let bestWeight = -1;
    for (const [code, weight] of weightOf) {
      if (weight === 0) continue;
      if (weight > bestWeight || (weight === bestWeight && nearestOf.get(code)! < nearestOf.get(best)!)) {
        best = code;
        bestWeight = weight;
      }
    }
    if (best < 0) break;
    let rival = hits[hits.length - 1]!.distance;
    for (const [code, distance] of nearestOf) if (code !== best) rival = Math.min(rival, distance);
    const nearest = nearestOf.get(best)!;
    let members = 0;
    for (const hit of hits) if (codes[hit.index] === best) members += 1;
    evidence.push({ code: best, share: total > 0 ? bestWeight / total : 0, nearest, margin: rival - nearest, contextShare: members / hits.length });
    active = active.filter((i) => codes[hits[i]!.index] === best);
  }
  return evidence;
}
