import type { KnnHit } from './metric.ts';
import { prepareRows, type ReferenceMatrix } from './reference-matrix.ts';
import { rowDistance } from './row-distance.ts';
import { checkSearchRequest, type SearchOptions } from './search-request.ts';
import { TopKAccumulator } from './top-k-accumulator.ts';

/**
 * The plain JavaScript loop: every query against every reference in float64, keeping the k best that pass
 * maxDistance and exclude (ties by lower reference index). The oracle for KnnSearcher's tests and the baseline
 * of the lookup benchmark; it filters before ranking, so it needs no over-fetching.
 */
export function bruteForceKnn(references: ReferenceMatrix, queries: Float32Array, queryCount: number, k: number, options: SearchOptions = {}): KnnHit[][] {
  const { dim, metric } = references;
  const limit = checkSearchRequest({ dim, metric }, references, queries, queryCount, k, options);
  const rows = prepareRows(queries, queryCount, dim, metric, 'query');
  const refs = references.chunk(0, references.count);
  const maxDistance = options.maxDistance ?? Infinity;
  const best = new TopKAccumulator(queryCount, limit);
  for (let query = 0; query < queryCount; query += 1) {
    for (let index = 0; index < references.count; index += 1) {
      const distance = rowDistance(rows, query * dim, refs, index * dim, dim, metric);
      if (distance <= maxDistance && !options.exclude?.(query, index)) best.offer(query, distance, index);
    }
  }
  return Array.from({ length: queryCount }, (_, query) => best.entries(query));
}
