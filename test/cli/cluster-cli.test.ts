import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seqatlas } from '../helpers/run-cli.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { writeMutantFamilies } from '../evaluate/embedding-fixtures.ts';

const tempDir = useTempDirs();

describe('seqatlas cluster / evaluate embedding', () => {
  it('embeds, clusters a dataset and evaluates its embeddings from the command line', async () => {
    const dir = await tempDir();
    const { fasta, labels } = await writeMutantFamilies(dir);
    const store = join(dir, 'store');
    const embed = seqatlas('embed', '-i', fasta, '-m', 'dna-kmer', '-s', store, '--json');
    expect(embed.code, embed.stderr).toBe(0);
    const datasetId = (JSON.parse(embed.stdout.trim().split('\n').at(-1)!) as { result: { datasetId: string } }).result.datasetId;

    const out = join(dir, 'run');
    const cluster = seqatlas('cluster', '-s', store, '--dataset', datasetId, '-m', 'dna-kmer', '-o', out, '--min-cluster-size', '10', '--epochs', '100');
    expect(cluster.code, cluster.stderr).toBe(0);
    expect(cluster.stdout).toMatch(/^clustered 60 points \(512-D\) on the UMAP map: 3 clusters, 0 noise points/);
    expect(await readFile(join(out, 'experiment_config.yaml'), 'utf8')).toMatch(/model: dna-kmer\n\s+layer: 0/);

    const evaluation = seqatlas('evaluate', 'embedding', '-s', store, '--dataset', datasetId, '-m', 'dna-kmer', '-l', labels, '--json');
    expect(evaluation.code, evaluation.stderr).toBe(0);
    expect(JSON.parse(evaluation.stdout).ranks[1].scores.knn.knn1_accuracy).toBe(1);
    expect(seqatlas('evaluate', 'embedding', '-s', store, '--dataset', datasetId, '-m', 'dna-kmer', '-l', labels, '--benchmarks', 'knn').stdout)
      .toMatch(/^rank +labelled +evaluated +classes +knn1_accuracy +knn5_accuracy\nphylum +60 +60 +2 +1\.000 +1\.000\n/);
  });

  it('clusters a vectors file, and refuses NaN (exit 1, one line) and bad usage (exit 2)', async () => {
    const dir = await tempDir();
    const vectors = join(dir, 'v.tsv');
    const rows = Array.from({ length: 40 }, (_, i) => `v${i}\t${(i % 2) * 10 + (i % 5) * 0.1}\t${(i % 2) * 10 + (i % 7) * 0.1}\t${(i % 3) * 0.1}`);
    await writeFile(vectors, `${rows.join('\n')}\n`);
    const ok = seqatlas('cluster', '--vectors', vectors, '-o', join(dir, 'run'), '--metric', 'euclidean', '--min-cluster-size', '5', '--dims', '3', '--epochs', '50', '--json');
    expect(ok.code, ok.stderr).toBe(0);
    const result = JSON.parse(ok.stdout.trim().split('\n').at(-1)!).result;
    expect(result).toMatchObject({ points: 40, dim: 3, clusters: 2 });

    await writeFile(vectors, `${rows[0]}\nbad\t1\tNaN\t2\n`);
    const nan = seqatlas('cluster', '--vectors', vectors, '-o', join(dir, 'run2'));
    expect(nan.code).toBe(1);
    expect(nan.stderr).toBe('error: v.tsv line 2: value 2 ("NaN") is not a finite number\n');

    const both = seqatlas('cluster', '--vectors', vectors, '--store', dir, '-o', join(dir, 'run4'));
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/give one of vectors, run, or store, dataset and model/);
  });
});
