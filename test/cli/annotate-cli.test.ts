import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvLine } from '../../main/export/csv.ts';
import { seqatlas } from '../helpers/run-cli.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const FIXTURES = resolve('test/fixtures/annotate');

describe('seqatlas reference / annotate / evaluate go', () => {
  it('builds, describes, annotates, evaluates and deletes from the command line', async () => {
    const dir = await tempDir();
    const store = join(dir, 'store');
    const build = seqatlas('reference', 'build', '-i', join(FIXTURES, 'reference.fasta'), '-n', 'sprot', '-m', 'protein-kmer', '-s', store,
      '--go-annotations', join(FIXTURES, 'reference.gaf'), '--ontology', join(FIXTURES, 'go-subset.obo'));
    expect(build.code, build.stderr).toBe(0);
    expect(build.stdout).toMatch(/reference sprot: embedded 100 sequences/);
    expect(build.stderr).toMatch(/warning: \d+ GO annotations use terms unknown to or obsolete in the ontology/);

    const described = JSON.parse(seqatlas('reference', 'describe', '-s', store, '-n', 'sprot', '--json').stdout);
    expect(described).toMatchObject({ name: 'sprot', records: 100, embeddings: [{ model: 'protein-kmer', layer: 0 }] });
    expect(seqatlas('reference', 'list', '-s', store).stdout).toMatch(/^sprot: 100 sequences/);

    const out = join(dir, 'out');
    const annotate = seqatlas('annotate', '-i', join(FIXTURES, 'queries.fasta'), '-r', 'sprot', '-s', store, '-o', out, '-k', '3', '--align');
    expect(annotate.code, annotate.stderr).toBe(0);
    expect(annotate.stdout).toMatch(/annotated 6 of 6 queries from reference sprot/);
    expect(annotate.stdout).toMatch(/alignments: \d+ computed/);
    expect(await readFile(join(out, 'experiment_config.yaml'), 'utf8')).toMatch(/limit_per_entry: 3/);

    const evaluation = seqatlas('evaluate', 'go', '-p', out, '-t', join(FIXTURES, 'queries.truth.tsv'), '--ontology', join(FIXTURES, 'go-subset.obo'), '--json');
    expect(evaluation.code, evaluation.stderr).toBe(0);
    const scores = JSON.parse(evaluation.stdout) as { namespaces: { namespace: string; fmax: number; proteins: number }[] };
    expect(scores.namespaces.map((n) => n.namespace)).toEqual(['BP', 'MF', 'CC']);
    // Three queries are copies of references and two are close mutants: the transfer must be nearly perfect.
    for (const ns of scores.namespaces) expect(ns.fmax, ns.namespace).toBeGreaterThan(0.8);
    // The table, with each Fmax's bootstrap interval when asked for.
    const table = seqatlas('evaluate', 'go', '-p', out, '-t', join(FIXTURES, 'queries.truth.tsv'), '--ontology', join(FIXTURES, 'go-subset.obo'), '--bootstrap', '300').stdout;
    expect(table).toMatch(/recall {2}95% interval$/m);
    expect(table).toMatch(/^ {2}MF +\d+ +[\d.]+% +[\d.]+ .* \d\.\d{3}–\d\.\d{3}$/m);

    // The seed prefilter from the command line with README's seeds.yaml (plus a seeds block): the flag overrides the
    // file's source and keeps the rest of its candidates key.
    const seedConfig = join(dir, 'seeds.yaml');
    await writeFile(seedConfig, [
      'candidates: { source: embedding, seeds: { per_query: 7, threads: 1 } }', 'limit_per_entry: 1', 'alignment: { enabled: true, modes: [local] }',
      'summary: { aggregations: { identity: [max] }, weights: { identity_max: 1 } }', '',
    ].join('\n'));
    const seeded = seqatlas('annotate', '-i', join(FIXTURES, 'queries.fasta'), '-r', 'sprot', '-s', store, '-o', join(dir, 'seeded'), '-c', seedConfig, '--candidates', 'both');
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toMatch(/seed prefilter: shape 1101011, \d+ postings indexed in [\d.]+ s, \d+ candidates aligned on 1 thread$/m);
    expect(await readFile(join(dir, 'seeded', 'experiment_config.yaml'), 'utf8')).toMatch(/candidates:\n {2}source: both\n {2}seeds:\n( {4}.*\n)* {4}per_query: 7\n {4}max_evalue: 0.001\n {4}threads: 1\n/);
    const summary = (await readFile(join(dir, 'seeded', 'summary.csv'), 'utf8')).trim().split('\n');
    const header = parseCsvLine(summary[0]!);
    expect(header).toEqual(expect.arrayContaining(['identity_max', 'final_score']));
    // With one weight, final_score is the best hit's local identity; copies of references score 1.
    const value = (fields: string[], column: string) => Number(fields[header.indexOf(column)]);
    const rows = summary.slice(1).map(parseCsvLine);
    for (const row of rows) expect(value(row, 'final_score')).toBeCloseTo(value(row, 'identity_max'), 5);
    expect(rows.some((row) => value(row, 'final_score') === 1)).toBe(true);
    const notASource = seqatlas('annotate', '-i', join(FIXTURES, 'queries.fasta'), '-r', 'sprot', '-s', store, '-o', join(dir, 'o4'), '--candidates', 'blast');
    expect(notASource.code).toBe(2);
    expect(notASource.stderr).toMatch(/--candidates <source>.* is invalid/);

    const badConfig = join(dir, 'run.yaml');
    await writeFile(badConfig, 'limit_per_entri: 3\n');
    const refused = seqatlas('annotate', '-i', join(FIXTURES, 'queries.fasta'), '-r', 'sprot', '-s', store, '-o', join(dir, 'o2'), '-c', badConfig);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe('error: run.yaml: unknown key "limit_per_entri"');
    const both = seqatlas('annotate', '-i', join(FIXTURES, 'queries.fasta'), '--from-h5', 'x.h5', '-r', 'sprot', '-s', store, '-o', join(dir, 'o3'));
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/exactly one of input .* or fromH5/);

    const deleted = seqatlas('reference', 'delete', '-s', store, '-n', 'sprot');
    expect(deleted.stdout).toMatch(/deleted reference sprot and its vectors/);
    expect(seqatlas('reference', 'list', '-s', store).stdout).toMatch(/no reference sets/);
  });
});
