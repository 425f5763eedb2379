import { Aligner, AlignmentError, scoringFor, type AlignMode, type AlignmentMetrics } from '../align/index.ts';

/**
 * Pairwise alignments of queries with reference hits, computed once per (query, reference, mode) and shared by
 * the redundancy filter and the raw results. A pair too long to align (or lacking a sequence, as an HDF5 query
 * may) is remembered as null and counted, so the caller can say how many were skipped.
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
    private readonly band: 'auto' | 'full' = 'auto',
  ) {
    this.aligner = new Aligner(scoringFor(alphabet));
  }

  get(query: number, ref: number, mode: AlignMode): AlignmentMetrics | null {
    const key = `${ref}:${mode}`;
    const pairs = this.pairsOf(query);
    const cached = pairs.get(key);
    if (cached !== undefined) return cached;
    const a = this.querySequence(query);
    const b = this.referenceSequence(ref);
    let metrics: AlignmentMetrics | null = null;
    if (a.length > 0 && b.length > 0) {
      try {
        metrics = this.aligner.align(a, b, mode, { band: this.band });
        this.computed += 1;
      } catch (error) {
        if (!(error instanceof AlignmentError)) throw error;
      }
    }
    if (metrics === null) this.skipped += 1;
    pairs.set(key, metrics);
    return metrics;
  }

  /**
   * Keeps an alignment computed elsewhere (the seed prefilter's ranking) unless the pair is already known, so the
   * redundancy filter and the raw results reuse it instead of aligning the pair again.
   */
  remember(query: number, ref: number, mode: AlignMode, metrics: AlignmentMetrics): void {
    const pairs = this.pairsOf(query);
    const key = `${ref}:${mode}`;
    if (pairs.has(key)) return;
    pairs.set(key, metrics);
    this.computed += 1;
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
