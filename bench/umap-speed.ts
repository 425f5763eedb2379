/**
 * UMAP speed and quality: the project's UMAP (exact kNN on onnxruntime, typed-array layout) on 50,000 × 256-D
 * seeded blobs, and on a 5,000-point sample side by side with umap-js defaults (its own NN-descent and layout),
 * scoring both maps by trustworthiness at 15 neighbours.
 */
import { UMAP } from 'umap-js';
import { umapLayout } from '../main/map/umap-layout.ts';
import { trustworthiness } from '../main/map/trustworthiness.ts';
import { mulberry32 } from '../native/onnx/seeded-random.ts';
import { timed } from './bench-env.ts';
import { benchBlobs } from './cluster-data.ts';

const DIM = 256;

export async function benchUmapSpeed(): Promise<Record<string, unknown>> {
  const n = Number(process.env.SEQATLAS_BENCH_UMAP_N ?? 50_000);
  const points = benchBlobs(n, DIM, 50, 6, 11);
  const full = await timed(() => umapLayout(points, n, DIM, { dims: 2, metric: 'euclidean', seed: 1 }));

  const sampleN = 5000;
  const sample = points.subarray(0, sampleN * DIM);
  const ours = await timed(() => umapLayout(sample, sampleN, DIM, { dims: 2, metric: 'euclidean', seed: 1 }));
  const rows = Array.from({ length: sampleN }, (_, i) => Array.from(sample.subarray(i * DIM, (i + 1) * DIM)));
  const theirs = await timed(async () => new UMAP({ random: mulberry32(1) }).fit(rows));
  const theirCoordinates = Float32Array.from(theirs.value.flat());
  return {
    full: { n, dim: DIM, seconds: Number(full.seconds.toFixed(1)), epochs: full.value.epochs, provider: full.value.provider },
    sample5k: {
      projectSeconds: Number(ours.seconds.toFixed(1)),
      umapJsSeconds: Number(theirs.seconds.toFixed(1)),
      projectTrustworthiness15: Number(trustworthiness(sample, DIM, ours.value.coordinates, 2, sampleN, 15, 'euclidean').toFixed(4)),
      umapJsTrustworthiness15: Number(trustworthiness(sample, DIM, theirCoordinates, 2, sampleN, 15, 'euclidean').toFixed(4)),
    },
  };
}
