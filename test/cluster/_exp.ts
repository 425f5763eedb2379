import { hdbscan } from '../../main/cluster/hdbscan.ts';
import { blobs, withUniformNoise } from './synthetic-data.ts';
for (const gap of [0.8, 1.0, 1.2, 1.5, 2]) {
  const nested = blobs([{ center: [0, 0], spread: 0.3, count: 60 }, { center: [gap, 0], spread: 0.3, count: 60 }, { center: [40, 0], spread: 0.3, count: 120 }], 17);
  const eom = hdbscan(nested.points, nested.n, 2, { minClusterSize: 30 });
  const leaf = hdbscan(nested.points, nested.n, 2, { minClusterSize: 30, selection: 'leaf' });
  console.log(gap, eom.clusterCount, leaf.clusterCount);
}
for (const [spread, ms] of [[0.5, 15], [0.5, 5], [0.3, 15], [0.3, 10]] as const) {
  const set = withUniformNoise(blobs([{ center: [0, 0], spread, count: 200 }, { center: [10, 10], spread, count: 200 }], 15), 100, -10, 20, 16);
  const r = hdbscan(set.points, set.n, 2, { minClusterSize: ms });
  let bg = 0; for (let i = 400; i < set.n; i++) if (r.labels[i] === -1) bg++;
  let blobNoise = 0; for (let i = 0; i < 400; i++) if (r.labels[i] === -1) blobNoise++;
  console.log(spread, ms, r.clusterCount, bg, blobNoise);
}
