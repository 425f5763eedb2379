import { rowDistance, type KnnHit, type ReferenceMatrix, type SearchOptions } from '../lookup/index.ts';
import { prepareRows } from '../lookup/reference-matrix.ts';
import { SeedPool } from '../seeds/index.ts';
import type { AnnotateConfig } from './annotate-config.ts';
import type { PairAlignments } from './pair-alignments.ts';

/** What the seed prefilter did for one (model, layer), for run.json. */
export interface SeedRunSummary {
  shape: string;
  postings: number;
  indexSeconds: number;
  threads: number;
  /** Query–reference pairs aligned to rank candidates. */
  aligned: number;
}

/**
 * The seed prefilter as a candidate source of annotate (candidates.source seeds or both).
 *
 * Why our own prefilter: FANTASIA and diamond users find homologues with MMseqs2 or diamond, neither of which a
 * Windows laptop has, and a dense k-mer embedding cannot see remote homologues (diamond's best hit is among
 * protein-kmer's 5 nearest for only 75 % of the MFO benchmark's queries). Shared spaced seeds over a reduced
 * alphabet are how those tools find them; this is the same idea, small enough to build per run.
 *
 * Each query's candidates (its best seed matches, plus the embedding's k nearest with source both) are ranked by
 * local alignment score, and the k best that are significant (e-value) and pass the run's filters become its hits;
 * a query without a significant candidate gets none, as with diamond. Every hit keeps the embedding distance to
 * the query, so raw_results rows stay complete whichever source found it.
 */
export class SeedCandidates {
  aligned = 0;

  private constructor(private readonly pool: SeedPool) {}

  /**
   * Starts indexing the reference's sequences (in the row order of its vectors) on the pool's first worker
   * thread; hits() waits for the index, so the caller can prepare the embedding search meanwhile.
   */
  static start(config: AnnotateConfig, referenceSequences: readonly string[]): SeedCandidates {
    const { shape, per_query, threads, max_evalue } = config.candidates.seeds;
    return new SeedCandidates(SeedPool.start(referenceSequences, shape, { perQuery: per_query, maxEvalue: max_evalue }, threads));
  }

  /**
   * Hits of a block of queries (numbered from `offset`): `embeddingHits` are the embedding's own hits per query
   * (already filtered), absent with source seeds; `queryVectors` the block's embeddings, for the distances of
   * candidates the embedding did not propose. Ranking alignments are handed to `alignments` for reuse.
   */
  async hits(
    offset: number, sequences: readonly string[], embeddingHits: readonly KnnHit[][] | undefined, queryVectors: Float32Array,
    matrix: ReferenceMatrix, k: number, options: SearchOptions, alignments: PairAlignments,
  ): Promise<KnnHit[][]> {
    const ranked = await this.pool.rank(sequences, sequences.map((_, i) => (embeddingHits?.[i] ?? []).map((h) => h.index)));
    const rows = prepareRows(queryVectors, sequences.length, matrix.dim, matrix.metric, 'query');
    const { dim, metric } = matrix;
    return ranked.map((candidates, i) => {
      const q = offset + i;
      const known = new Map((embeddingHits?.[i] ?? []).map((h) => [h.index, h.distance]));
      const hits: KnnHit[] = [];
      this.aligned += candidates.length;
      for (const candidate of candidates) {
        if (candidate.metrics) alignments.remember(q, candidate.index, 'local', candidate.metrics);
        if (hits.length === k || !candidate.significant) continue;
        const distance = known.get(candidate.index) ?? rowDistance(rows, i * dim, matrix.chunk(candidate.index, candidate.index + 1), 0, dim, metric);
        if (options.maxDistance !== undefined && distance > options.maxDistance) continue;
        if (!known.has(candidate.index) && options.exclude?.(q, candidate.index)) continue;
        hits.push({ index: candidate.index, distance });
      }
      return hits;
    });
  }

  async summary(): Promise<SeedRunSummary> {
    const { index, seconds } = await this.pool.ready;
    return { shape: index.shape.pattern, postings: index.postingCount, indexSeconds: seconds, threads: this.pool.threads, aligned: this.aligned };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
