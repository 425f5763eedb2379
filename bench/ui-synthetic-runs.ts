import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatAssignments } from '../main/export/assignments-tsv.ts';
import type { Classification, ReadAssignment } from '../main/classify/read-assignment.ts';

/** A deterministic pseudo-random stream (xorshift), so every bench run draws the same data. */
function random(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

const RANKS = ['domain', 'phylum', 'class', 'order', 'family', 'genus'];

/**
 * A classify run folder with `reads` synthetic assignments (20 families × 10 genera, 4 samples) written by the
 * engine's own assignments.tsv writer, and with `mapPoints` > 0 a umap.tsv + clusters.tsv of Gaussian blobs in
 * the layout the cluster run writes. For UI timing only: the UI's cost depends on row and point counts, not on
 * where the labels came from.
 */
export async function writeSyntheticRun(dir: string, reads: number, mapPoints: number): Promise<string> {
  await mkdir(dir, { recursive: true });
  const next = random(42);
  const rows: ReadAssignment[] = [];
  for (let i = 0; i < reads; i += 1) {
    const family = Math.floor(next() * 20);
    const genus = Math.floor(next() * 10);
    const names = ['Bacteria', `Phylum${family % 4}`, `Class${family % 8}`, `Order${family % 12}`, `Family${family}`, `Genus${family}_${genus}`];
    const confidence = 0.5 + next() / 2;
    const assigned = next() < 0.8 ? 6 : 4;
    rows.push({
      queryId: `read${i}`, sample: `site${i % 4}`, abundance: 1 + Math.floor(next() * 5),
      calls: names.map((name, r) => ({ rank: RANKS[r]!, name, confidence: Math.min(1, confidence + (6 - r) * 0.05) })).map((c, r, all) => ({ ...c, confidence: Math.min(c.confidence, r > 0 ? all[r - 1]!.confidence : 1) })),
      assignedRanks: assigned, bestHit: `ref${Math.floor(next() * 1000)}`, bestDistance: next() * 0.2, noveltyScore: next() * 1.5, novel: next() < 0.05,
    });
  }
  const classification: Classification = { ranks: RANKS, reads: rows };
  await writeFile(join(dir, 'assignments.tsv'), formatAssignments(classification));
  await writeFile(join(dir, 'run.json'), `${JSON.stringify({ kind: 'classify', finishedAt: new Date().toISOString() })}\n`);
  if (mapPoints > 0) {
    const umap = ['id\tx\ty'];
    const clusters = ['id\tcluster\tprobability\toutlier_score'];
    for (let i = 0; i < mapPoints; i += 1) {
      const cluster = i % 25;
      const gauss = () => Math.sqrt(-2 * Math.log(next() + 1e-12)) * Math.cos(2 * Math.PI * next());
      umap.push(`read${i}\t${(Math.cos(cluster) * 10 + gauss()).toFixed(4)}\t${(Math.sin(cluster * 1.7) * 10 + gauss()).toFixed(4)}`);
      clusters.push(`read${i}\t${next() < 0.05 ? -1 : cluster}\t${next().toFixed(3)}\t${next().toFixed(3)}`);
    }
    await writeFile(join(dir, 'umap.tsv'), `${umap.join('\n')}\n`);
    await writeFile(join(dir, 'clusters.tsv'), `${clusters.join('\n')}\n`);
  }
  return dir;
}
