import type { KnnHit, Metric } from './metric.ts';
import { prepareRows, type ReferenceMatrix } from './reference-matrix.ts';
import { checkSearchRequest, type SearchOptions } from './search-request.ts';

/**
 * The plain JavaScript loop: every query against every reference in float64, a full sort by (distance, index),
 * then maxDistance and exclude. The oracle for KnnSearcher's tests and the baseline of the lookup benchmark.
 */
export function bruteForceKnn(
  references: ReferenceMatrix,
  queries: Float32Array,
  queryCount: number,
  k: number,
  options: SearchOptions & { metric?: Metric } = {},
): KnnHit[][] {
  const { dim, metric } = references;
  const limit = checkSearchRequest({ dim, metric }, references, queries, queryCount, k, options);
  const rows = prepareRows(queries, queryCount, dim, metric, 'query');
  const refs = references.chunk(0, references.count);
  return Array.from({ length: queryCount }, (_, query) => {
    const q = query * dim;
    const all: KnnHit[] = [];
    for (let index = 0; index < references.count; index += 1) {
      const r = index * dim;
      let sum = 0;
      if (metric === 'cosine') {
        for (let d = 0; d < dim; d += 1) sum += rows[q + d]! * refs[r + d]!;
        all.push({ index, distance: 1 - sum });
      } else {
        for (let d = 0; d < dim; d += 1) sum += (rows[q + d]! - refs[r + d]!) ** 2;
        all.push({ index, distance: Math.sqrt(sum) });
      }
    }
    all.sort((a, b) => a.distance - b.distance || a.index - b.index);
    return all
      .filter((hit) => (options.maxDistance === undefined || hit.distance <= options.maxDistance) && !options.exclude?.(query, hit.index))
      .slice(0, limit);
  });
}
