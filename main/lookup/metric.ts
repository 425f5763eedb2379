/**
 * cosine: distance 1 - cos (rows are L2-normalised), clamped at 0: a read identical to a reference scores a cosine a
 * hair above 1 in float32, and a negative distance would turn every ratio built on it (novelty score) negative.
 * euclidean: L2 distance, not squared.
 */
export type Metric = 'cosine' | 'euclidean';

/** One neighbour: the reference row and its distance under the search's metric. */
export interface KnnHit {
  index: number;
  distance: number;
}
