import { logChoose } from './log-gamma.ts';

/**
 * Rarefaction: the number of features expected among `depth` reads drawn without replacement from a sample, exactly
 * (Hurlbert 1971; vegan's `rarefy`), Σ over features of 1 − C(N − Nᵢ, depth) / C(N, depth). No random subsampling,
 * so curves and tables are the same on every run.
 */
export function expectedRichness(counts: readonly number[], depth: number): number {
  const reads = counts.reduce((sum, count) => sum + Math.max(0, count), 0);
  if (depth >= reads) return counts.filter((count) => count > 0).length;
  const all = logChoose(reads, depth);
  let richness = 0;
  for (const count of counts) {
    if (count <= 0) continue;
    // A feature is certainly drawn when the other reads are fewer than the depth.
    richness += reads - count < depth ? 1 : 1 - Math.exp(logChoose(reads - count, depth) - all);
  }
  return richness;
}

/**
 * Depths for a rarefaction curve up to `largest` reads: `points` steps spread evenly, always ending at `largest`
 * itself, and never more steps than there are reads.
 */
export function curveDepths(largest: number, points: number): number[] {
  const steps = Math.min(points, largest);
  return [...new Set(Array.from({ length: steps }, (_, i) => Math.max(1, Math.round(((i + 1) * largest) / steps))))];
}
