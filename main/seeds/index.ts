/**
 * The homology seed prefilter of `annotate` (candidates.source seeds/both): spaced seeds over a reduced amino-acid
 * alphabet, an inverted index of the reference's sequences, ungapped extension of each query's seed hits, and local
 * alignment of the best candidates on worker threads.
 */
export { CandidateRanker, type RankedCandidate, type RankerOptions } from './candidate-ranker.ts';
export { SeedIndex, type SeedIndexData } from './seed-index.ts';
export { SeedPool } from './seed-pool.ts';
export { SeedSearcher, type SeedCandidate, type SeedSearchOptions } from './seed-search.ts';
export { MAX_SEED_WEIGHT, SeedShape } from './seed-shape.ts';
