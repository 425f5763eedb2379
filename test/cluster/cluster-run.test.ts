import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readClusterMap } from '../../main/api/contract/cluster-map-files.ts';
import type { JobEvent } from '../../main/api/job-events.ts';
import { runningControl } from '../../main/api/job-events.ts';
import type { ReadAssignment } from '../../main/classify/read-assignment.ts';
import { runCluster } from '../../main/cluster/cluster-run.ts';
import type { ClusterRequest } from '../../main/cluster/cluster-request.ts';
import { writeAssignments } from '../../main/export/assignments-tsv.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { blobs, type PointSet } from './synthetic-data.ts';

const tempDir = useTempDirs();

const threeBlobs = blobs([
  { center: Array(12).fill(0), spread: 1, count: 40 },
  { center: Array(12).fill(15), spread: 1, count: 40 },
  { center: [...Array(6).fill(15), ...Array(6).fill(-15)], spread: 1, count: 40 },
], 21);

function vectorsTsv(set: PointSet, ids = Array.from({ length: set.n }, (_, i) => `r${i}`)): string {
  return ids.map((id, i) => [id, ...Array.from(set.points.subarray(i * set.dim, (i + 1) * set.dim))].join('\t')).join('\n') + '\n';
}

async function cluster(request: Omit<ClusterRequest, 'out'>, events: JobEvent[] = [], control = runningControl()) {
  const out = join(await tempDir(), 'run');
  const result = await runCluster({ epochs: 100, metric: 'euclidean', ...request, out }, { emit: (e) => events.push(e), control });
  return { out, result };
}

async function writeVectors(set: PointSet, ids?: string[]): Promise<string> {
  const file = join(await tempDir(), 'vectors.tsv');
  await writeFile(file, vectorsTsv(set, ids));
  return file;
}

describe('runCluster', () => {
  it('maps and clusters a vectors file into the files the desktop map reads', async () => {
    const events: JobEvent[] = [];
    const { out, result } = await cluster({ vectors: await writeVectors(threeBlobs) }, events);
    expect(result).toMatchObject({ points: 120, dim: 12, clusters: 3, noise: 0, on: 'umap', warnings: [] });
    const map = await readClusterMap(out);
    expect(map.ids).toHaveLength(120);
    expect(new Set(map.cluster!.slice(0, 40)).size).toBe(1);
    expect(new Set([map.cluster![0], map.cluster![40], map.cluster![80]]).size).toBe(3);
    expect((await readFile(join(out, 'umap.tsv'), 'utf8')).split('\n')[0]).toBe('id\tx\ty');
    expect((await readFile(join(out, 'clusters.tsv'), 'utf8')).split('\n')[0]).toBe('id\tcluster\tprobability\toutlier_score');
    const summary = JSON.parse(await readFile(join(out, 'clusters.json'), 'utf8'));
    expect(summary.cluster_count).toBe(3);
    expect(summary.clusters.map((c: { size: number }) => c.size)).toEqual([40, 40, 40]);
    for (const c of summary.clusters) {
      expect(c.exemplars).toHaveLength(5);
      expect(c.composition).toBeNull();
      expect(c.putative_novel).toBeNull();
    }
    expect(await readFile(join(out, 'experiment_config.yaml'), 'utf8')).toMatch(/n_neighbors: 15\n[\s\S]*min_cluster_size: 15\n/);
    expect(JSON.parse(await readFile(join(out, 'run.json'), 'utf8'))).toMatchObject({ kind: 'cluster', result: { clusters: 3 } });
    const progress = events.filter((e): e is Extract<JobEvent, { type: 'progress' }> => e.type === 'progress');
    expect(progress.filter((e) => e.unit === 'epochs')).toHaveLength(100);
  });

  it('clusters the embeddings themselves with --on embedding and writes 3-D maps', async () => {
    const { out, result } = await cluster({ vectors: await writeVectors(threeBlobs), on: 'embedding', dims: 3, minClusterSize: 10 });
    expect(result.clusters).toBe(3);
    expect((await readFile(join(out, 'umap.tsv'), 'utf8')).split('\n')[0]).toBe('id\tx\ty\tz');
  });

  it('summarises taxonomy per cluster and flags a cluster without genus calls as putative novel', async () => {
    const ids = Array.from({ length: 120 }, (_, i) => `r${i}`);
    const read = (i: number): ReadAssignment => {
      const group = Math.floor(i / 40);
      const genus = group === 0 ? 'Alpha' : 'Beta';
      return {
        queryId: ids[i]!, sample: 's1', abundance: 1,
        calls: [{ rank: 'phylum', name: group === 0 ? 'P1' : 'P2', confidence: 0.99 }, { rank: 'genus', name: genus, confidence: group === 2 ? 0.2 : 0.9 }],
        assignedRanks: group === 2 ? 1 : 2, bestHit: 'ref', bestDistance: 0.1, noveltyScore: group === 2 ? 2 : 0.5, novel: group === 2,
      };
    };
    const file = join(await tempDir(), 'assignments.tsv');
    // The last 10 reads of the third group are missing from the classify run: counted as unassigned.
    await writeAssignments(file, { ranks: ['phylum', 'genus'], reads: ids.slice(0, 110).map((_, i) => read(i)) });
    const { out, result } = await cluster({ vectors: await writeVectors(threeBlobs, ids), assignments: file });
    expect(result.putativeNovel).toBe(1);
    expect(result.warnings).toEqual([`10 of 120 points have no row in ${file}: counted as unassigned`]);
    const summary = JSON.parse(await readFile(join(out, 'clusters.json'), 'utf8'));
    expect(summary.ranks).toEqual(['phylum', 'genus']);
    const map = await readClusterMap(out);
    const clusterOf = (point: number) => summary.clusters.find((c: { cluster: number }) => c.cluster === map.cluster![point]);
    const alpha = clusterOf(0);
    expect(alpha.composition.ranks[1]).toMatchObject({ rank: 'genus', assigned: 40, top: [{ name: 'Alpha', count: 40, share: 1 }] });
    expect(alpha.putative_novel).toBe(false);
    const novel = clusterOf(80);
    expect(novel.composition).toMatchObject({ classified: 30, novelShare: 0.75, unassignedLowestShare: 1, chimeraShare: 0 });
    expect(novel.composition.ranks[0].top).toEqual([{ name: 'P2', count: 30, share: 0.75 }]);
    expect(novel.putative_novel).toBe(true);

    // The same cluster, its reads listed as chimeras of two references by the classify run: artefacts, not a new taxon.
    await writeFile(join(dirname(file), 'chimeras.tsv'), `query_id\tleft_parent\tright_parent\tbreakpoint\tchimera_identity\tbest_single\tbest_single_identity\n${ids.slice(80, 105).map((id) => `${id}\ta\tb\t100\t0.99\ta\t0.9\n`).join('')}`);
    const checked = await cluster({ vectors: await writeVectors(threeBlobs, ids), assignments: file });
    expect(checked.result.putativeNovel).toBe(0);
    const again = JSON.parse(await readFile(join(checked.out, 'clusters.json'), 'utf8'));
    const chimeric = again.clusters.find((c: { cluster: number }) => c.cluster === map.cluster![80]);
    expect(chimeric.composition.chimeraShare).toBeCloseTo(25 / 40);
    expect(chimeric.putative_novel).toBe(false);
  });

  it('calls every point noise when there are fewer than min_cluster_size, and says so', async () => {
    const few = { ...threeBlobs, n: 6, points: threeBlobs.points.subarray(0, 6 * 12) };
    const { out, result } = await cluster({ vectors: await writeVectors(few) });
    expect(result).toMatchObject({ points: 6, clusters: 0, noise: 6 });
    expect(result.warnings).toEqual(['only 6 points, fewer than min_cluster_size 15: every point is noise']);
    expect((await readClusterMap(out)).cluster).toEqual(Array(6).fill(-1));
  });

  it('keeps duplicate points, warns, and clusters them with their copies', async () => {
    const half = threeBlobs.points.subarray(0, 60 * 12);
    const doubled = new Float32Array(120 * 12);
    doubled.set(half, 0);
    doubled.set(half, 60 * 12);
    const { out, result } = await cluster({ vectors: await writeVectors({ ...threeBlobs, points: doubled }), minClusterSize: 10 });
    expect(result.warnings).toEqual(['60 of 120 vectors repeat an earlier vector exactly; they are kept (dereplicate the reads to drop them)']);
    const map = await readClusterMap(out);
    for (let i = 0; i < 60; i++) expect(map.cluster![i + 60]).toBe(map.cluster![i]);
    expect(result.clusters).toBe(2);
  });

  it('gives all-identical vectors one label for every point and finite coordinates', async () => {
    const same = { n: 50, dim: 4, points: new Float32Array(200).fill(0.25), truth: new Int32Array(50) };
    const { out, result } = await cluster({ vectors: await writeVectors(same), minClusterSize: 5 });
    expect(result.warnings).toContain('all 50 vectors are identical: the map and the clusters carry no information');
    const map = await readClusterMap(out);
    expect(new Set(map.cluster).size).toBe(1);
    expect([...map.x, ...map.y].every(Number.isFinite)).toBe(true);
  });

  it('refuses NaN in a vectors file, an empty file and a request naming two inputs, writing nothing', async () => {
    const dir = await tempDir();
    const bad = join(dir, 'bad.tsv');
    await writeFile(bad, 'a\t1\t2\nb\t3\tnan\n');
    const out = join(dir, 'run');
    await expect(runCluster({ vectors: bad, out }, { emit: () => undefined, control: runningControl() })).rejects.toThrow('bad.tsv line 2: value 2 ("nan") is not a finite number');
    const empty = join(dir, 'empty.tsv');
    await writeFile(empty, '');
    await expect(runCluster({ vectors: empty, out }, { emit: () => undefined, control: runningControl() })).rejects.toMatchObject({ code: 'no_records_accepted' });
    await expect(runCluster({ vectors: bad, store: dir, out }, { emit: () => undefined, control: runningControl() })).rejects.toMatchObject({ code: 'bad_request' });
    expect(existsSync(out)).toBe(false);
  });

  it('stops when cancelled and writes nothing', async () => {
    const controller = new AbortController();
    controller.abort();
    const out = join(await tempDir(), 'run');
    const run = runCluster({ vectors: await writeVectors(threeBlobs), out }, { emit: () => undefined, control: runningControl(controller.signal) });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(existsSync(out)).toBe(false);
  });
});
