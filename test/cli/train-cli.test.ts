import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seqatlas } from '../helpers/run-cli.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const FIXTURES = resolve('test/fixtures/classify');

describe('seqatlas train / classify --bundle', () => {
  it('trains a bundle, classifies with it and scores the result from the command line', async () => {
    const dir = await tempDir();
    const store = join(dir, 'store');
    const bundle = join(dir, 'bundle');
    const out = join(dir, 'run');
    expect(seqatlas('reference', 'build', '-i', join(FIXTURES, 'reference.fasta.gz'), '-n', 'gold5', '-m', 'dna-kmer', '-s', store).code).toBe(0);

    const train = seqatlas('train', '-r', 'gold5', '-s', store, '-o', bundle, '--epochs', '20', '--seed', '2');
    expect(train.code, train.stderr).toBe(0);
    expect(train.stdout).toMatch(/^trained a classifier bundle on 403 references of gold5 \(dna-kmer 1\.0\.0 layer 0\)/);
    expect(train.stdout).toMatch(/genus +\d+ +[\d.]+ +[\d.]+ +[\d.]+/);
    expect(JSON.parse(await readFile(join(bundle, 'bundle.json'), 'utf8')).provenance.training).toEqual({ holdout: 0.2, seed: 2, epochs: 20, l2: 1e-7, readErrorRate: 0 });

    // The bundle travels without the reference: classify into a fresh store that has never seen it.
    const classify = seqatlas('classify', '-i', join(FIXTURES, 'reads.fasta.gz'), '--bundle', bundle, '-s', join(dir, 'laptop-store'), '-o', out);
    expect(classify.code, classify.stderr).toBe(0);
    expect(classify.stdout).toMatch(/^classified 25 reads \(total abundance \d+\) against bundle .* \(trained on gold5, dna-kmer layer 0\)/);
    expect(classify.stdout).toMatch(/^ {2}bundle novelty distance \d\.\d{4}\n {2}min confidence: domain 0\.5, .*genus 0\.5$/m);
    const evaluation = seqatlas('evaluate', 'taxonomy', '--assignments', join(out, 'assignments.tsv'), '--truth', join(FIXTURES, 'reads.truth.tsv'), '--store', store, '--reference', 'gold5', '--json');
    expect(evaluation.code, evaluation.stderr).toBe(0);
    const scores = JSON.parse(evaluation.stdout) as { ranks: { rank: string; accuracy: number }[] };
    expect(scores.ranks.find((r) => r.rank === 'family')!.accuracy).toBe(1);
    const table = seqatlas('export', 'taxon-table', '--run', out, '--out', join(dir, 'taxa.tsv'));
    expect(table.code, table.stderr).toBe(0);

    const both = seqatlas('classify', '-i', join(FIXTURES, 'reads.fasta.gz'), '-r', 'gold5', '--bundle', bundle, '-s', store, '-o', out);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/give either reference or bundle, not both or neither/);
    const missing = seqatlas('classify', '-i', join(FIXTURES, 'reads.fasta.gz'), '--bundle', join(dir, 'nope'), '-s', store, '-o', out);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\/bundle\.json is missing: not a classifier bundle \(make one with seqatlas train\)/);
  });
});
