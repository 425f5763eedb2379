import { reduceInto } from './reduced-alphabet.ts';
import { RANK_BITS, RANK_SCORES, rankInto } from './residue-ranks.ts';
import { POSTING_FIELDS, type SeedIndex } from './seed-index.ts';
import { MAX_SEED_WEIGHT } from './seed-shape.ts';

/** A reference the prefilter proposes for a query: its best ungapped segment and the diagonal it lies on. */
export interface SeedCandidate {
  index: number;
  /** BLOSUM62 score of the best ungapped segment grown from a seed hit: the prefilter's ranking score. */
  score: number;
  /** Its diagonal (reference position − query position): where to band an alignment. */
  diagonal: number;
}

export interface SeedSearchOptions {
  /** References kept per query, best first. */
  limit: number;
  /**
   * Least BLOSUM62 score of the seed's matched positions for a hit to be extended. Matching reduced groups says
   * little on its own (K–E, S–A score 0 or 1); a threshold on the residues themselves drops most chance hits before
   * the costly extension while keeping the hits of real homologues, which are mostly identities.
   */
  minWindowScore: number;
  /** References returned besides the best `limit` whenever they have an extended hit (the embedding's nearest, say). */
  include?: readonly number[];
}

/**
 * A key with more postings than this multiple of the mean is low-complexity (poly-Q, collagen repeats, …): its hits
 * are as many as all the others together and say nothing about homology, so it is skipped.
 */
const MAX_POSTINGS_OVER_MEAN = 50;
/**
 * Ungapped extension stops once the running score falls this far below its best (BLAST's X-drop, in raw score).
 * 12 instead of 20 ended chance extensions sooner (8 % less ranking time) and changed no namespace's Fmax.
 */
const X_DROP = 12;
const UNSEEN = -0x40000000;
/** Row of RANK_SCORES that no rank uses, so it scores 0 against everything. */
const ZERO_ROW = 31 << RANK_BITS;

/**
 * Per-reference scratch state, interleaved so that one hit touches one cache line: 30,000 references × four
 * separate arrays would miss the cache on every field.
 */
const LAST = 0;
const COVERED = 1;
const BEST = 2;
const BEST_DIAGONAL = 3;
const STRIDE = 4;

/**
 * Scores every reference against a query as diamond and BLAST do: each seed hit whose residues score well enough is
 * extended without gaps along its diagonal, in both directions, until the score drops X_DROP below its best, and a
 * reference scores its best such segment. A hit inside the segment last extended on the same diagonal is skipped, so
 * a long ungapped match is extended once, not once per seed in it.
 *
 * Counting hits on a diagonal instead (MMseqs2's prefilter) is cheaper but ranks remote homologues poorly: a long
 * reference collects over a hundred chance hits per query, which interleave with and break up the few true ones.
 * On the MFO benchmark, diamond's best hit was among the 20 best by segment score for 95 % of queries (98 % at the
 * sensitive pass's threshold), against 94 % by hit count. Not re-entrant: one per thread.
 */
export class SeedSearcher {
  private readonly state: Int32Array;
  private readonly touched: Int32Array;
  private readonly scores: Int32Array;
  private reduced = new Uint8Array(0);
  private ranks = new Uint8Array(0);
  private readonly rows: Int32Array;
  private readonly maxPostings: number;

  constructor(private readonly index: SeedIndex) {
    const n = index.referenceCount;
    this.state = new Int32Array(n * STRIDE);
    for (let r = 0; r < n; r++) this.state[r * STRIDE + LAST] = UNSEEN;
    this.touched = new Int32Array(n);
    this.scores = new Int32Array(n);
    this.rows = new Int32Array(MAX_SEED_WEIGHT).fill(ZERO_ROW);
    this.maxPostings = Math.max(64, Math.ceil((MAX_POSTINGS_OVER_MEAN * index.postingCount) / index.shape.keys));
  }

  search(query: string, options: SeedSearchOptions): SeedCandidate[] {
    const { shape, start, postings, residues, firstResidue } = this.index;
    const { state, touched, rows } = this;
    if (this.reduced.length < query.length) {
      this.reduced = new Uint8Array(query.length * 2);
      this.ranks = new Uint8Array(query.length * 2);
    }
    const { reduced, ranks } = this;
    reduceInto(query, reduced, 0);
    rankInto(query, ranks, 0);
    const { offsets, weight, span } = shape;
    const minWindowScore = options.minWindowScore;
    const queryLength = query.length;
    let touchedCount = 0;
    for (let q = 0; q + span <= queryLength; q++) {
      const key = shape.keyAt(reduced, q);
      if (key < 0) continue;
      const first = start[key]!;
      const end = start[key + 1]!;
      if (end - first > this.maxPostings) continue;
      for (let s = 0; s < weight; s++) rows[s] = ranks[q + offsets[s]!]! << RANK_BITS;
      // Unrolled for the largest weight: positions a lighter shape lacks read the all-zero row of rank 31.
      const [r0, r1, r2, r3, r4, r5] = rows;
      for (let p = first * POSTING_FIELDS; p < end * POSTING_FIELDS; p += POSTING_FIELDS) {
        const hit = postings[p + 2]!;
        const window = RANK_SCORES[r0! | (hit & 31)]! + RANK_SCORES[r1! | ((hit >>> 5) & 31)]! + RANK_SCORES[r2! | ((hit >>> 10) & 31)]!
          + RANK_SCORES[r3! | ((hit >>> 15) & 31)]! + RANK_SCORES[r4! | ((hit >>> 20) & 31)]! + RANK_SCORES[r5! | ((hit >>> 25) & 31)]!;
        if (window < minWindowScore) continue;
        const r = postings[p]!;
        const at = r * STRIDE;
        const position = postings[p + 1]!;
        const diagonal = position - q;
        const last = state[at + LAST]!;
        if (last === UNSEEN) touched[touchedCount++] = r;
        else if (last === diagonal && q < state[at + COVERED]!) continue;
        const base = firstResidue[r]!;
        const referenceLength = firstResidue[r + 1]! - base;
        // Rightwards from the window's first residue, then leftwards from the residue before it.
        let score = 0;
        let right = 0;
        let covered = q + span;
        for (let i = q, j = position; i < queryLength && j < referenceLength; i++, j++) {
          score += RANK_SCORES[(ranks[i]! << RANK_BITS) | residues[base + j]!]!;
          if (score > right) {
            right = score;
            if (i >= covered) covered = i + 1;
          } else if (right - score > X_DROP) break;
        }
        score = 0;
        let left = 0;
        for (let i = q - 1, j = position - 1; i >= 0 && j >= 0; i--, j--) {
          score += RANK_SCORES[(ranks[i]! << RANK_BITS) | residues[base + j]!]!;
          if (score > left) left = score;
          else if (left - score > X_DROP) break;
        }
        if (right + left > state[at + BEST]!) {
          state[at + BEST] = right + left;
          state[at + BEST_DIAGONAL] = diagonal;
        }
        state[at + LAST] = diagonal;
        state[at + COVERED] = covered;
      }
    }
    // Only references scoring at least the limit-th best become objects: a sensitive pass touches nearly every
    // reference, and making and sorting 30,000 objects per query cost more than finding the cut-off in a typed array.
    const scores = this.scores.subarray(0, touchedCount);
    for (let t = 0; t < touchedCount; t++) scores[t] = state[touched[t]! * STRIDE + BEST]!;
    scores.sort();
    const cutoff = touchedCount > options.limit ? scores[touchedCount - options.limit]! : Number.NEGATIVE_INFINITY;
    const found: SeedCandidate[] = [];
    for (let t = 0; t < touchedCount; t++) {
      const at = touched[t]! * STRIDE;
      if (state[at + BEST]! >= cutoff) found.push({ index: touched[t]!, score: state[at + BEST]!, diagonal: state[at + BEST_DIAGONAL]! });
    }
    found.sort((a, b) => b.score - a.score || a.index - b.index);
    const best = found.slice(0, options.limit);
    for (const r of options.include ?? []) {
      const at = r * STRIDE;
      if (state[at + LAST] !== UNSEEN && !best.some((c) => c.index === r)) best.push({ index: r, score: state[at + BEST]!, diagonal: state[at + BEST_DIAGONAL]! });
    }
    for (let t = 0; t < touchedCount; t++) {
      const at = touched[t]! * STRIDE;
      state.fill(0, at, at + STRIDE);
      state[at + LAST] = UNSEEN;
    }
    return best;
  }
}
