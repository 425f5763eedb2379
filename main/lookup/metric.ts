/** cosine: distance 1 - cos (rows are L2-normalised); euclidean: L2 distance, not squared. */
export type Metric = 'cosine' | 'euclidean';

/** One neighbour: the reference row and its distance under the search's metric. */
export interface KnnHit {
  index: number;
  distance: number;
}
