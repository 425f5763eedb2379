import { mulberry32 } from '../native/onnx/seeded-random.ts';

/**
 * Seeded Gaussian blobs for the discovery benchmarks: `clusters` centres uniform in a cube of side `side`, unit
 * spread, points dealt round-robin, plus a share of uniform background noise.
 */
export function benchBlobs(n: number, dim: number, clusters: number, side: number, seed: number, noiseShare = 0.05): Float32Array {
  const random = mulberry32(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const centres = Array.from({ length: clusters }, () => Float64Array.from({ length: dim }, () => random() * side));
  const points = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    const background = random() < noiseShare;
    const centre = centres[i % clusters]!;
    for (let d = 0; d < dim; d++) points[i * dim + d] = background ? random() * side : centre[d]! + gaussian();
  }
  return points;
}
