import { Aligner, AlignmentError, scoringFor, type AlignmentMetrics, type DiagonalBand } from '../align/index.ts';
import { evalue } from './evalue.ts';
import type { SeedIndex } from './seed-index.ts';
import { SeedSearcher, type SeedCandidate } from './seed-search.ts';

/** A candidate reference of one query with its local alignment: the ranking score and the metrics it reports. */
export interface RankedCandidate {
  index: number;
  /** Smith-Waterman score (BLOSUM62, 11/1): what BLAST's bit score is a linear function of. -1 when not aligned. */
  score: number;
  /** Null when the pair could not be aligned (over MAX_ALIGNMENT_CELLS). */
  metrics: AlignmentMetrics | null;
  /** Whether the alignment's e-value is at most maxEvalue: only significant candidates may become hits. */
  significant: boolean;
}

export interface RankerOptions {
  /** Seed candidates aligned per query (per pass). */
  perQuery: number;
  /** A query whose candidates all align worse than this e-value gets the sensitive pass. */
  maxEvalue: number;
}

/**
 * Diagonals aligned on each side of the best ungapped segment's diagonal: room for indels that shift the alignment.
 * Banding around that one diagonal instead of every diagonal with seeds cut the cells 3.5× on the MFO benchmark; an
 * indel longer than this leaves the rest outside the band, and the local alignment keeps its best in-band segment.
 */
const BAND_MARGIN = 16;

/**
 * Least BLOSUM62 score per matched seed position for a hit to be extended, in the fast pass every query gets and
 * in the sensitive pass a query gets when the fast one found nothing significant. Measured on the MFO benchmark
 * (shape 1101011): 5.2 per position extends about 1,900 hits per query and puts diamond's best hit among the 20
 * best for 95 % of queries; 3.2 extends 50× as many and reaches 98 %. The sensitive pass ran for 101 of the 1,000
 * queries and found a significant homologue for 23 (mostly at 25–35 % identity), most of what separated the fast
 * pass's Fmax from diamond's.
 */
const FAST_WINDOW_SCORE_PER_POSITION = 5.2;
const SENSITIVE_WINDOW_SCORE_PER_POSITION = 3.2;

/**
 * Proposes a query's candidates (the seed prefilter's best `perQuery`, plus any extra references the caller names,
 * such as the embedding's nearest, that have an extended seed hit) and ranks them by a local alignment, best first.
 * Every candidate is aligned only inside the band its best ungapped segment points to, which is what makes aligning
 * dozens of candidates per query affordable (about 12,000 cells per pair instead of 140,000 for two proteins of 370
 * residues). An extra reference without a seed hit is not aligned at all: the embedding's neighbours without one are
 * mostly long unrelated proteins, and aligning them in full cost 37 ms a pair on the MFO benchmark, seven times the
 * whole seed search and ranking of the query. Not re-entrant: one per thread.
 */
export class CandidateRanker {
  private readonly searcher: SeedSearcher;
  private readonly aligner = new Aligner(scoringFor('protein'));
  private readonly fastWindowScore: number;
  private readonly sensitiveWindowScore: number;

  constructor(
    private readonly index: SeedIndex,
    private readonly references: readonly string[],
    private readonly options: RankerOptions,
  ) {
    this.searcher = new SeedSearcher(index);
    this.fastWindowScore = Math.round(FAST_WINDOW_SCORE_PER_POSITION * index.shape.weight);
    this.sensitiveWindowScore = Math.round(SENSITIVE_WINDOW_SCORE_PER_POSITION * index.shape.weight);
  }

  rank(query: string, extra: readonly number[] = []): RankedCandidate[] {
    const { perQuery } = this.options;
    const fast = this.searcher.search(query, { limit: perQuery, minWindowScore: this.fastWindowScore, include: extra });
    const ranked = fast.map((seed) => this.align(query, seed));
    if (!ranked.some((candidate) => candidate.significant)) {
      const aligned = new Set(fast.map((seed) => seed.index));
      const sensitive = this.searcher.search(query, { limit: perQuery + aligned.size, minWindowScore: this.sensitiveWindowScore });
      for (const seed of sensitive.filter((s) => !aligned.has(s.index)).slice(0, perQuery)) ranked.push(this.align(query, seed));
    }
    return ranked.sort((a, b) => b.score - a.score || a.index - b.index);
  }

  private align(query: string, seed: SeedCandidate): RankedCandidate {
    try {
      const metrics = this.aligner.align(query, this.references[seed.index]!, 'local', { band: bandOf(seed) });
      const significant = evalue(metrics.score, query.length, this.index.residueCount) <= this.options.maxEvalue;
      return { index: seed.index, score: metrics.score, metrics, significant };
    } catch (error) {
      if (!(error instanceof AlignmentError)) throw error;
      return { index: seed.index, score: -1, metrics: null, significant: false };
    }
  }
}

function bandOf(seed: SeedCandidate): DiagonalBand {
  return { lo: seed.diagonal - BAND_MARGIN, hi: seed.diagonal + BAND_MARGIN };
}
