import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../main/api/engine.ts';
import { embeddingBenchmarks } from '../../main/evaluate/embedding-benchmarks.ts';
import { parseRankLabels } from '../../main/evaluate/embedding-labels.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { writeMutantFamilies } from './embedding-fixtures.ts';

const tempDir = useTempDirs();

describe('evaluate embedding', () => {
  it('registers the four benchmarks by name', () => {
    expect(embeddingBenchmarks().map((b) => b.name)).toEqual(['knn', 'linear-probe', 'silhouette', 'hdbscan']);
  });

  it('reads lineages as path labels per rank, named by their prefixes', () => {
    const labels = parseRankLabels('# comment\na\tp__X;g__Y\nb\tp__Z;g__Y\nc\tp__X\n', 'l.tsv');
    expect(labels.ranks).toEqual(['phylum', 'genus']);
    expect(labels.byId.get('a')).toEqual(['X', 'X;Y']);
    // The same genus name under another phylum is another genus.
    expect(labels.byId.get('b')).toEqual(['Z', 'Z;Y']);
    expect(labels.byId.get('c')).toEqual(['X', undefined]);
    expect(parseRankLabels('a\tcat\nb\tdog\n', 'l.tsv').ranks).toEqual(['label']);
    expect(parseRankLabels('a\tA;B\nb\tA;C\n', 'l.tsv').ranks).toEqual(['level_1', 'level_2']);
    expect(() => parseRankLabels('a\tX\na\tY\n', 'l.tsv')).toThrow('l.tsv line 2: id "a" appears twice');
    expect(() => parseRankLabels('a X\n', 'l.tsv')).toThrow('l.tsv line 1: expected id<TAB>lineage or id<TAB>label');
  });

  it('scores embeddings that separate the labels near 1, and shuffled labels far lower', async () => {
    const dir = await tempDir();
    const { fasta, labels } = await writeMutantFamilies(dir);
    const engine = new Engine();
    const store = join(dir, 'store');
    const embedded = await engine.embed({ input: fasta, model: 'dna-kmer', store });
    const result = await engine.evaluateEmbedding({ store, dataset: embedded.datasetId, model: 'dna-kmer', labels });
    expect(result).toMatchObject({ points: 60, unlabelled: 0, layer: 0, benchmarks: ['knn', 'linear-probe', 'silhouette', 'hdbscan'] });
    expect(result.ranks.map((r) => [r.rank, r.classes, r.evaluated])).toEqual([['phylum', 2, 60], ['genus', 3, 60]]);
    const genus = result.ranks[1]!.scores;
    expect(genus.knn).toEqual({ knn1_accuracy: 1, knn5_accuracy: 1 });
    expect(genus['linear-probe']!.linear_probe_accuracy).toBeGreaterThan(0.9);
    expect(genus.silhouette!.silhouette).toBeGreaterThan(0.3);
    expect(genus.hdbscan).toMatchObject({ ari: 1, nmi: 1, clusters: 3 });

    const shuffled = join(dir, 'shuffled.tsv');
    await writeFile(shuffled, Array.from({ length: 60 }, (_, i) => `g${Math.floor(i / 20)}_${i % 20}\tL${(i * 7) % 3}\n`).join(''));
    const random = await engine.evaluateEmbedding({ store, dataset: embedded.datasetId, model: 'dna-kmer', labels: shuffled, benchmarks: ['knn', 'silhouette'] });
    expect(random.benchmarks).toEqual(['knn', 'silhouette']);
    expect(random.ranks[0]!.scores.knn!.knn1_accuracy!).toBeLessThan(0.6);
    expect(random.ranks[0]!.scores.silhouette!.silhouette!).toBeLessThan(0.05);

    await expect(engine.evaluateEmbedding({ store, dataset: embedded.datasetId, model: 'dna-kmer', labels, benchmarks: ['nope'] }))
      .rejects.toThrow('unknown embedding benchmark "nope"; registered: knn, linear-probe, silhouette, hdbscan');
  });
});
