import { LookupInputError } from './lookup-error.ts';
import type { ReferenceMatrix } from './reference-matrix.ts';
import type { KnnHit, Metric } from './metric.ts';

export interface SearchOptions {
  /** Hits farther than this (in the metric's distance) are dropped, so a query may get fewer than k. */
  maxDistance?: number;
  /** Returns true for pairs that must not be reported (e.g. a query's own record, a redundancy filter). */
  exclude?: (query: number, ref: number) => boolean;
  /**
   * Awaited before `exclude` is asked about a round of candidates, with those it will certainly be asked about
   * (firstToExclude): a costly exclude, such as the redundancy filter's alignments, can work them out together on
   * several threads instead of one at a time as it is asked.
   */
  prepareExclude?: (candidates: readonly { query: number; refs: number[] }[]) => Promise<void>;
}

/**
 * The candidates of one query (best first) that filterCandidates will ask `exclude` about whatever it answers: the
 * first `limit` within maxDistance, since fewer cannot fill the query's hits.
 */
export function firstToExclude(candidates: readonly KnnHit[], limit: number, maxDistance: number | undefined): number[] {
  const refs: number[] = [];
  for (const hit of candidates) {
    if (refs.length === limit || (maxDistance !== undefined && hit.distance > maxDistance)) break;
    refs.push(hit.index);
  }
  return refs;
}

/** Checks what a search is asked for against what the searcher and references are; returns k clamped to the references. */
export function checkSearchRequest(
  searcher: { dim: number; metric: Metric },
  references: ReferenceMatrix,
  queries: Float32Array,
  queryCount: number,
  k: number,
  options: SearchOptions,
): number {
  if (references.dim !== searcher.dim) {
    throw new LookupInputError('dimension_mismatch', `lookup: references have ${references.dim} dims but the searcher was opened for ${searcher.dim}`);
  }
  if (references.metric !== searcher.metric) {
    throw new LookupInputError('metric_mismatch', `lookup: references were prepared for ${references.metric} but the searcher uses ${searcher.metric}`);
  }
  if (Number.isInteger(queryCount) && queryCount > 0 && queries.length !== queryCount * searcher.dim && queries.length % queryCount === 0) {
    throw new LookupInputError('dimension_mismatch', `lookup: queries have ${queries.length / queryCount} dims but the references have ${searcher.dim}`);
  }
  if (!Number.isInteger(k) || k < 1) throw new LookupInputError('bad_option', `lookup: k must be a positive integer, got ${k}`);
  const { maxDistance } = options;
  if (maxDistance !== undefined && Number.isNaN(maxDistance)) throw new LookupInputError('bad_option', 'lookup: maxDistance is NaN');
  return Math.min(k, references.count);
}

/**
 * Applies maxDistance and exclude to one query's candidates (best first) and keeps at most `limit`.
 * `settled` is false when the candidates ran out before `limit` survivors were found while nearer-than-max
 * references may remain unfetched: the caller must fetch more to answer exactly.
 */
export function filterCandidates(
  query: number,
  candidates: readonly KnnHit[],
  limit: number,
  fetchedAll: boolean,
  options: SearchOptions,
): { hits: KnnHit[]; settled: boolean } {
  const hits: KnnHit[] = [];
  for (const hit of candidates) {
    if (options.maxDistance !== undefined && hit.distance > options.maxDistance) return { hits, settled: true };
    if (options.exclude?.(query, hit.index)) continue;
    hits.push(hit);
    if (hits.length === limit) return { hits, settled: true };
  }
  return { hits, settled: fetchedAll };
}
