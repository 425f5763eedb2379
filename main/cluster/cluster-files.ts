import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HdbscanResult } from './hdbscan.ts';

/** Coordinates and probabilities keep 6 significant digits: they come from float32 arithmetic. */
const six = (value: number): string => String(Number(value.toPrecision(6)));

/** umap.tsv: id, x, y[, z] — the layout the desktop app's map reads (see api/contract/cluster-map-files.ts). */
export function formatUmapTsv(ids: readonly string[], coordinates: Float32Array, dims: 2 | 3): string {
  const header = ['id', 'x', 'y', ...(dims === 3 ? ['z'] : [])].join('\t');
  const lines = ids.map((id, i) => [id, ...Array.from(coordinates.subarray(i * dims, (i + 1) * dims), six)].join('\t'));
  return `${[header, ...lines].join('\n')}\n`;
}

/** clusters.tsv: id, cluster (−1 = noise), probability, outlier_score. */
export function formatClustersTsv(ids: readonly string[], result: HdbscanResult): string {
  const lines = ids.map((id, i) => `${id}\t${result.labels[i]}\t${six(result.probabilities[i]!)}\t${six(result.outlierScores[i]!)}`);
  return `${['id\tcluster\tprobability\toutlier_score', ...lines].join('\n')}\n`;
}

export async function writeClusterFiles(out: string, ids: readonly string[], coordinates: Float32Array, dims: 2 | 3, result: HdbscanResult, summary: unknown): Promise<void> {
  await writeFile(join(out, 'umap.tsv'), formatUmapTsv(ids, coordinates, dims));
  await writeFile(join(out, 'clusters.tsv'), formatClustersTsv(ids, result));
  await writeFile(join(out, 'clusters.json'), `${JSON.stringify(summary, null, 2)}\n`);
}
