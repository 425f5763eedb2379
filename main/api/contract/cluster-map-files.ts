import { dirname, join, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { EngineError } from '../../shared/engine-error.ts';
import type { ClusterMap } from './contract-results.ts';

/** Header + rows of a small TSV the cluster run writes; columns are looked up by name so added columns do no harm. */
function parseColumns(text: string, file: string, wanted: readonly string[]): { ids: string[]; columns: number[][] } {
  const lines = text.split('\n').filter((line) => line.length > 0);
  const header = (lines.shift() ?? '').split('\t');
  const at = wanted.map((name) => header.indexOf(name));
  const missing = wanted.filter((_, i) => at[i]! < 0);
  if (header[0] !== 'id' || missing.length > 0) throw new EngineError('input_unreadable', `${file} line 1: expected columns id, ${wanted.join(', ')}`);
  const ids: string[] = [];
  const columns = wanted.map(() => [] as number[]);
  lines.forEach((line, row) => {
    const fields = line.split('\t');
    ids.push(fields[0]!);
    at.forEach((index, c) => {
      const value = Number(fields[index!]);
      if (!Number.isFinite(value)) throw new EngineError('input_unreadable', `${file} line ${row + 2}: ${wanted[c]} is not a number`);
      columns[c]!.push(value);
    });
  });
  return { ids, columns };
}

/**
 * The classify run a cluster run summarised (`assignments` in its experiment_config.yaml names that run's
 * assignments.tsv), so the map can show taxa of a separate cluster run; null when it names none or is unreadable.
 */
async function summarisedClassifyRun(dir: string): Promise<string | null> {
  const text = await readFile(join(dir, 'experiment_config.yaml'), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const assignments = (parse(text) as { assignments?: unknown } | null)?.assignments;
    return typeof assignments === 'string' ? dirname(resolve(dir, assignments)) : null;
  } catch {
    return null; // a damaged config only costs the map its taxa, not the map itself
  }
}

/** umap.tsv (id x y) and, when present, clusters.tsv (id cluster probability outlier_score) of a cluster run. */
export async function readClusterMap(runDir: string): Promise<ClusterMap> {
  const dir = resolve(runDir);
  const umapFile = join(dir, 'umap.tsv');
  const umapText = await readFile(umapFile, 'utf8').catch(() => {
    throw new EngineError('input_unreadable', `${dir} has no umap.tsv (run cluster on it first)`);
  });
  const umap = parseColumns(umapText, umapFile, ['x', 'y']);
  const clustersFile = join(dir, 'clusters.tsv');
  const clustersText = await readFile(clustersFile, 'utf8').catch(() => null);
  const map: ClusterMap = { dir, ids: umap.ids, x: umap.columns[0]!, y: umap.columns[1]!, cluster: null, probability: null, outlier: null, classifyRun: await summarisedClassifyRun(dir) };
  if (clustersText === null) return map;
  const clusters = parseColumns(clustersText, clustersFile, ['cluster', 'probability', 'outlier_score']);
  // clusters.tsv may list points in another order than umap.tsv: align it by id.
  const row = new Map(clusters.ids.map((id, i) => [id, i]));
  const pick = (column: number[], missing: number) => umap.ids.map((id) => { const i = row.get(id); return i === undefined ? missing : column[i]!; });
  return { ...map, cluster: pick(clusters.columns[0]!, -1), probability: pick(clusters.columns[1]!, 0), outlier: pick(clusters.columns[2]!, 0) };
}
