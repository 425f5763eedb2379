export { bruteForceKnn } from './brute-force-knn.ts';
export { gatherRows } from './gather-rows.ts';
export { KnnSearcher, type KnnSearcherOptions } from './knn-searcher.ts';
export { LookupInputError, type LookupInputProblem } from './lookup-error.ts';
export type { KnnHit, Metric } from './metric.ts';
export { ReferenceMatrix } from './reference-matrix.ts';
export { reliabilityIndex } from './reliability-index.ts';
export { rowDistance } from './row-distance.ts';
export type { SearchOptions } from './search-request.ts';
