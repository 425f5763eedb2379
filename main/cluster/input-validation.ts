import { ClusterInputError } from './errors.ts';

/** Checks that `points` really is n × dim and every coordinate is finite; throws ClusterInputError otherwise. */
export function validatePoints(points: Float32Array, n: number, dim: number): void {
  if (!Number.isInteger(n) || n < 0) throw new ClusterInputError('invalid_shape', `hdbscan: n must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(dim) || dim < 1) throw new ClusterInputError('invalid_shape', `hdbscan: dim must be a positive integer, got ${dim}`);
  if (points.length !== n * dim) {
    throw new ClusterInputError('invalid_shape', `hdbscan: points has length ${points.length}, expected n × dim = ${n * dim}`);
  }
  for (let i = 0; i < points.length; i++) {
    if (!Number.isFinite(points[i]!)) {
      const point = Math.floor(i / dim);
      throw new ClusterInputError('non_finite', `hdbscan: point ${point} has a non-finite value (${points[i]}) in dimension ${i - point * dim}`);
    }
  }
}
