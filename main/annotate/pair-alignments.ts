import { Aligner, alignedOrNull, scoringFor, type AlignMode, type AlignmentMetrics, type AlignmentPool } from '../align/index.ts';

/** One alignment a run needs: query row, reference row, mode. */
export interface PairKey {
  query: number;
  ref: number;
  mode: AlignMode;
}

/**
 * Pairwise alignments of queries with reference hits, computed once per (query, reference, mode) and shared by
 * the redundancy filter and the raw results. A pair too long to align (or lacking a sequence, as an HDF5 query
 * may) is remembered as null and counted, so the caller can say how many were skipped. Pairs known to be needed
 * are aligned ahead on the pool's threads (alignAhead); get() aligns any other pair here, when asked.
 */
export class PairAlignments {
  private readonly aligner: Aligner;
  private readonly cache = new Map<number, Map<string, AlignmentMetrics | null>>();
  computed = 0;
  skipped = 0;

  constructor(
    alphabet: 'dna' | 'protein',
    private readonly querySequence: (query: number) => string,
    private readonly referenceSequence: (ref: number) => string,
    private readonly band: 'auto' | 'full',
    private readonly pool: AlignmentPool,
  ) {
    this.aligner = new Aligner(scoringFor(alphabet));
  }

  /** Aligns those of `pairs` not known yet on the pool's threads, so that get() finds them. */
  async alignAhead(pairs: readonly PairKey[]): Promise<void> {
    const wanted = new Map<string, PairKey>();
    for (const pair of pairs) {
      const key = `${pair.query}:${pair.ref}:${pair.mode}`;
      if (!wanted.has(key) && !this.pairsOf(pair.query).has(`${pair.ref}:${pair.mode}`)) wanted.set(key, pair);
    }
    const list = [...wanted.values()];
    const metrics = await this.pool.align(list.map((pair) => [this.querySequence(pair.query), this.referenceSequence(pair.ref), pair.mode]));
    list.forEach((pair, i) => this.keep(pair.query, `${pair.ref}:${pair.mode}`, metrics[i]!));
  }

  get(query: number, ref: number, mode: AlignMode): AlignmentMetrics | null {
    const key = `${ref}:${mode}`;
    const cached = this.pairsOf(query).get(key);
    if (cached !== undefined) return cached;
    return this.keep(query, key, alignedOrNull(this.aligner, this.querySequence(query), this.referenceSequence(ref), mode, { band: this.band }));
  }

  private keep(query: number, key: string, metrics: AlignmentMetrics | null): AlignmentMetrics | null {
    if (metrics === null) this.skipped += 1;
    else this.computed += 1;
    this.pairsOf(query).set(key, metrics);
    return metrics;
  }

  /**
   * Keeps an alignment computed elsewhere (the seed prefilter's ranking) unless the pair is already known, so the
   * redundancy filter and the raw results reuse it instead of aligning the pair again.
   */
  remember(query: number, ref: number, mode: AlignMode, metrics: AlignmentMetrics): void {
    const key = `${ref}:${mode}`;
    if (!this.pairsOf(query).has(key)) this.keep(query, key, metrics);
  }

  private pairsOf(query: number): Map<string, AlignmentMetrics | null> {
    let pairs = this.cache.get(query);
    if (!pairs) this.cache.set(query, (pairs = new Map()));
    return pairs;
  }

  /** Forgets one query's pairs once its rows are written, so memory stays bounded by the queries in flight. */
  forgetQuery(query: number): void {
    this.cache.delete(query);
  }
}

/**
 * FANTASIA masks references that MMseqs2 clusters with the query (identity ≥ t at coverage ≥ c). With no MMseqs2
 * on a laptop, the same rule is applied to each candidate hit with a local Smith-Waterman alignment: identity
 * over the aligned columns, and coverage of both the query and the reference (MMseqs2's bidirectional mode).
 */
export function isRedundant(alignments: PairAlignments, query: number, ref: number, identity: number, coverage: number): boolean {
  const metrics = alignments.get(query, ref, 'local');
  if (!metrics) return false;
  return metrics.identity >= identity && metrics.queryCoverage >= coverage && metrics.targetCoverage >= coverage;
}
