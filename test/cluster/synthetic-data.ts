/** Seeded synthetic point sets for clustering tests (mulberry32 + Box–Muller). */
import { mulberry32 } from '../../native/onnx/seeded-random.ts';

export const seededRandom = mulberry32;

export function gaussian(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export interface PointSet {
  points: Float32Array;
  n: number;
  dim: number;
  truth: Int32Array;
}

export interface Blob {
  center: number[];
  spread: number;
  count: number;
}

/** Isotropic Gaussian blobs; truth label = blob index. */
export function blobs(spec: Blob[], seed: number): PointSet {
  const random = seededRandom(seed);
  const dim = spec[0]!.center.length;
  const n = spec.reduce((s, b) => s + b.count, 0);
  const points = new Float32Array(n * dim);
  const truth = new Int32Array(n);
  let i = 0;
  spec.forEach((blob, label) => {
    for (let c = 0; c < blob.count; c++, i++) {
      truth[i] = label;
      for (let d = 0; d < dim; d++) points[i * dim + d] = blob.center[d]! + blob.spread * gaussian(random);
    }
  });
  return { points, n, dim, truth };
}

/** Two interleaved half circles with Gaussian jitter (the classic "two moons"). */
export function twoMoons(perMoon: number, noise: number, seed: number): PointSet {
  const random = seededRandom(seed);
  const n = 2 * perMoon;
  const points = new Float32Array(n * 2);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const upper = i < perMoon;
    const t = Math.PI * random();
    const x = upper ? Math.cos(t) : 1 - Math.cos(t);
    const y = upper ? Math.sin(t) : 0.5 - Math.sin(t);
    points[2 * i] = x + noise * gaussian(random);
    points[2 * i + 1] = y + noise * gaussian(random);
    truth[i] = upper ? 0 : 1;
  }
  return { points, n, dim: 2, truth };
}

/** Appends `count` uniformly random points in [low, high]^dim with truth label −1. */
export function withUniformNoise(set: PointSet, count: number, low: number, high: number, seed: number): PointSet {
  const random = seededRandom(seed);
  const n = set.n + count;
  const points = new Float32Array(n * set.dim);
  points.set(set.points);
  for (let i = set.points.length; i < points.length; i++) points[i] = low + (high - low) * random();
  const truth = new Int32Array(n).fill(-1);
  truth.set(set.truth);
  return { points, n, dim: set.dim, truth };
}
