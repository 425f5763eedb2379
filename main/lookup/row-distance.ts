import type { Metric } from './metric.ts';

/**
 * The distance between row `a` of `left` (from offset a) and row `b` of `right` (from offset b), both `dim` long and
 * prepared for the metric (prepareRows: unit length for cosine), summed in float64: what the onnxruntime search
 * computes in float32, for the plain-loop oracle and for single pairs the search did not score.
 */
export function rowDistance(left: Float32Array, a: number, right: Float32Array, b: number, dim: number, metric: Metric): number {
  let sum = 0;
  if (metric === 'cosine') {
    for (let d = 0; d < dim; d += 1) sum += left[a + d]! * right[b + d]!;
    return Math.max(0, 1 - sum);
  }
  for (let d = 0; d < dim; d += 1) sum += (left[a + d]! - right[b + d]!) ** 2;
  return Math.sqrt(sum);
}
