/**
 * HDBSCAN speed: the project's HDBSCAN on 50,000 points in 2-D (k-d tree Borůvka) and 64-D (kNN kernel + Borůvka
 * on onnxruntime, as `cluster --on embedding` runs it; the in-JavaScript Prim of hdbscan() at 10,000 points for
 * comparison), seeded blobs with 5% background noise; and hdbscan-ts on the same kind of 2-D data at the sizes it
 * finishes, with both cluster counts.
 */
import { HDBSCAN } from 'hdbscan-ts';
import { hdbscan } from '../main/cluster/hdbscan.ts';
import { hdbscanHighDimensional } from '../main/cluster/hdbscan-high-dim.ts';
import { adjustedRandIndex } from '../main/cluster/metrics.ts';
import { timed } from './bench-env.ts';
import { benchBlobs } from './cluster-data.ts';

const CLUSTERS = 20;
const MIN_CLUSTER_SIZE = 25;

async function project(n: number, dim: number, compareWithPrim = false): Promise<Record<string, number>> {
  const points = benchBlobs(n, dim, CLUSTERS, dim === 2 ? 200 : 12, 7);
  const { value, seconds } = await timed(() => hdbscanHighDimensional(points, n, dim, { minClusterSize: MIN_CLUSTER_SIZE }));
  const noise = value.labels.filter((l) => l < 0).length;
  const figures: Record<string, number> = { n, dim, seconds: Number(seconds.toFixed(2)), clusters: value.clusterCount, noiseShare: Number((noise / n).toFixed(3)) };
  if (!compareWithPrim) return figures;
  const prim = await timed(async () => hdbscan(points, n, dim, { minClusterSize: MIN_CLUSTER_SIZE }));
  return { ...figures, primSeconds: Number(prim.seconds.toFixed(2)), primAgreementAri: Number(adjustedRandIndex(prim.value.labels, value.labels).toFixed(4)) };
}

async function peer(n: number, dim: number): Promise<Record<string, number>> {
  const points = benchBlobs(n, dim, CLUSTERS, dim === 2 ? 200 : 12, 7);
  const rows = Array.from({ length: n }, (_, i) => Array.from(points.subarray(i * dim, (i + 1) * dim)));
  const ours = await timed(async () => hdbscan(points, n, dim, { minClusterSize: MIN_CLUSTER_SIZE }));
  const theirs = await timed(async () => new HDBSCAN({ minClusterSize: MIN_CLUSTER_SIZE }).fit(rows));
  const clusters = new Set(theirs.value.filter((l) => l >= 0)).size;
  const noise = theirs.value.filter((l) => l < 0).length;
  return {
    n, dim, projectSeconds: Number(ours.seconds.toFixed(3)), projectClusters: ours.value.clusterCount,
    hdbscanTsSeconds: Number(theirs.seconds.toFixed(2)), hdbscanTsClusters: clusters, hdbscanTsNoiseShare: Number((noise / n).toFixed(3)),
  };
}

export async function benchClusterHdbscan(): Promise<Record<string, unknown>> {
  const sizes = (process.env.SEQATLAS_BENCH_HDBSCAN_TS ?? '500,1000,2000').split(',').map(Number);
  return {
    project2d: await project(50_000, 2),
    project64d: await project(50_000, 64),
    project64dAt10k: await project(10_000, 64, true),
    hdbscanTs: await sizes.reduce(async (acc, n) => [...(await acc), await peer(n, 2)], Promise.resolve([] as Record<string, number>[])),
  };
}
