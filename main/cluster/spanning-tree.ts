/** The n-1 edges of a minimum spanning tree; `weight` is the (non-squared) mutual reachability distance. */
export interface SpanningTree {
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly weight: Float64Array;
}
