import { EngineError } from '../shared/engine-error.ts';
import type { TaxonomyLabelRow } from '../store/reference-catalog.ts';

/** Ranks in the order lineages run; references name a subset of them. */
const CANONICAL_RANKS = ['domain', 'kingdom', 'phylum', 'class', 'order', 'family', 'genus', 'species'] as const;

/**
 * A reference set's lineages as integer codes, one array per rank. A code stands for a whole path from the top
 * (so two genera called "Bacillus" in different families stay two taxa), and -1 marks a reference whose lineage
 * stops above that rank: it takes no part in votes at that rank and below.
 */
export interface TaxonPaths {
  ranks: string[];
  /** codes[rank][reference] */
  codes: Int32Array[];
  /** names[rank][code]: the taxon's own name at that rank. */
  names: string[][];
  /** parents[rank][code]: the code of its taxon one rank up (-1 at the top rank). */
  parents: Int32Array[];
}

/** Rank names of one label row, or null when its ranks are unknown or not canonical. */
function namedRanks(row: TaxonomyLabelRow): string[] | null {
  if (!row.ranks) return null;
  const ranks = row.ranks.split(';');
  return ranks.every((rank) => (CANONICAL_RANKS as readonly string[]).includes(rank)) ? ranks : null;
}

/**
 * The rank list of a reference set: the ranks its lineages name, top-down. When some lineage's ranks are unknown (a
 * depth no convention fixes), every lineage is read by position instead (`level_1`, `level_2`, …) rather than
 * guessing which level is missing.
 */
function rankList(rows: readonly TaxonomyLabelRow[]): { ranks: string[]; positional: boolean } {
  const orders: string[][] = [];
  let maxDepth = 0;
  let positional = false;
  for (const row of rows) {
    if (!row.lineage) continue;
    maxDepth = Math.max(maxDepth, row.lineage.split('; ').length);
    const ranks = namedRanks(row);
    if (ranks === null) positional = true;
    else orders.push(ranks);
  }
  if (positional) return { ranks: Array.from({ length: maxDepth }, (_, i) => `level_${i + 1}`), positional };
  return { ranks: fileOrder(orders), positional };
}

/**
 * The ranks in the order the lineages give them, with the canonical order only breaking ties between ranks no
 * lineage orders. Files do not all follow the canonical order: PR2's SINTAX release writes its kingdom (Eukaryota)
 * as `k:` and its supergroup as `d:` after it, so canonical order would put the supergroup above Eukaryota. Lineages
 * that contradict each other (one has k before d, another d before k) leave the canonical order.
 */
function fileOrder(orders: readonly string[][]): string[] {
  const seen = new Set(orders.flat());
  const canonical: string[] = CANONICAL_RANKS.filter((rank) => seen.has(rank));
  const above = new Map(canonical.map((rank) => [rank, new Set<string>()]));
  for (const ranks of orders) for (let i = 1; i < ranks.length; i += 1) above.get(ranks[i]!)!.add(ranks[i - 1]!);
  const placed: string[] = [];
  while (placed.length < canonical.length) {
    // The first rank in canonical order whose every rank above is placed; none means the lineages contradict.
    const next = canonical.find((rank) => !placed.includes(rank) && [...above.get(rank)!].every((upper) => placed.includes(upper)));
    if (next === undefined) return canonical;
    placed.push(next);
  }
  return placed;
}

/** Builds the codes for the references in `ids` order from the reference set's taxonomy rows. */
export function buildTaxonPaths(referenceName: string, ids: readonly string[], rows: readonly TaxonomyLabelRow[]): TaxonPaths {
  const { ranks, positional } = rankList(rows);
  if (ranks.length === 0) {
    throw new EngineError('invalid_labels', `reference ${referenceName} has no lineages; build it with lineages in the headers or --taxonomy FILE`);
  }
  const byId = new Map(rows.map((row) => [row.seq_id, row]));
  const codes = ranks.map(() => new Int32Array(ids.length).fill(-1));
  const names: string[][] = ranks.map(() => []);
  const parentLists: number[][] = ranks.map(() => []);
  const codeOf = ranks.map(() => new Map<string, number>());
  ids.forEach((id, ref) => {
    const row = byId.get(id);
    if (!row?.lineage) return;
    const levels = row.lineage.split('; ');
    const levelRanks = positional ? ranks.slice(0, levels.length) : namedRanks(row)!;
    const rankOfLevel = new Map(levelRanks.map((rank, i) => [rank, levels[i]!]));
    let path = '';
    let parent = -1;
    for (let r = 0; r < ranks.length; r += 1) {
      const name = rankOfLevel.get(ranks[r]!);
      // A lineage that skips a rank stops there: below a gap the path is no longer comparable with full ones.
      if (name === undefined) break;
      path += `\u0001${name}`;
      let code = codeOf[r]!.get(path);
      if (code === undefined) {
        code = names[r]!.length;
        codeOf[r]!.set(path, code);
        names[r]!.push(name);
        parentLists[r]!.push(parent);
      }
      codes[r]![ref] = code;
      parent = code;
    }
  });
  return { ranks, codes, names, parents: parentLists.map((list) => Int32Array.from(list)) };
}
