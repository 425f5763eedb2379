/**
 * Where a primer lies in a read that may have gained or lost bases inside the primer site: the occurrence with the
 * fewest edits (mismatches, insertions, deletions; the edit distance cutadapt counts), as Sellers' semi-global
 * dynamic programme finds it: the primer must align whole, the read anywhere. Nanopore reads err by insertion and
 * deletion as often as by substitution, so a mismatch-only scan misses a third of their primer sites (4% errors
 * over two 20-base sites). Bases are IUPAC bit sets (see primer-region.ts): a read base matches when every base it may
 * stand for is allowed by the primer there; 0 (N, unknown) matches nothing. O(primer × read) per call, about 30,000
 * cells for a 20-base primer in a 1,500-base read.
 */
export function siteWithEdits(sequence: Uint8Array, primer: Uint8Array, from: number, limit: number): { start: number; end: number } | null {
  const m = primer.length;
  // Costs and alignment starts of the previous and current read column, primer prefix length 0..m.
  let cost = Int32Array.from({ length: m + 1 }, (_, i) => i);
  let start = new Int32Array(m + 1).fill(from);
  let nextCost = new Int32Array(m + 1);
  let nextStart = new Int32Array(m + 1);
  let best: { start: number; end: number; edits: number } | null = null;
  for (let j = from; j < sequence.length; j += 1) {
    const base = sequence[j]!;
    nextCost[0] = 0;
    nextStart[0] = j + 1;
    for (let i = 1; i <= m; i += 1) {
      const mismatch = base === 0 || (base & ~primer[i - 1]!) !== 0 ? 1 : 0;
      let c = cost[i - 1]! + mismatch;
      let s = start[i - 1]!;
      // A read base inserted in the site, then a primer base missing from the read.
      if (cost[i]! + 1 < c) [c, s] = [cost[i]! + 1, start[i]!];
      if (nextCost[i - 1]! + 1 < c) [c, s] = [nextCost[i - 1]! + 1, nextStart[i - 1]!];
      nextCost[i] = c;
      nextStart[i] = s;
    }
    // Fewest edits; among equals the leftmost, as the mismatch-only scan takes them.
    if (nextCost[m]! <= limit && (!best || nextCost[m]! < best.edits)) {
      best = { start: nextStart[m]!, end: j + 1, edits: nextCost[m]! };
      if (best.edits === 0) break;
    }
    [cost, nextCost] = [nextCost, cost];
    [start, nextStart] = [nextStart, start];
  }
  return best && { start: best.start, end: best.end };
}
