import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../main/api/engine.ts';
import { readRunSequences } from '../../main/api/contract/run-sequences.ts';
import { readAssignments } from '../../main/export/assignments-tsv.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const FIXTURES = resolve('test/fixtures/classify');
const tempDir = useTempDirs();
const engine = new Engine();
let store: string;
let folder: string;
/** The fixture's reads by their `;sample=` tag, with the tag removed: the file is all that says where they were taken. */
let bySite: Map<string, string[]>;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'seqatlas-classify-files-'));
  store = join(dir, 'store');
  await engine.buildReference({ input: join(FIXTURES, 'reference.fasta.gz'), name: 'gold5', model: 'dna-kmer', store });
  const records = gunzipSync(await readFile(join(FIXTURES, 'reads.fasta.gz'))).toString('utf8').split(/^>/m).slice(1);
  bySite = new Map();
  for (const record of records) {
    const site = /;sample=(\w+);/.exec(record)![1]!;
    bySite.set(site, [...(bySite.get(site) ?? []), `>${record.replace(/sample=\w+;/, '')}`]);
  }
  folder = join(dir, 'run7');
  await mkdir(join(folder, 'lane1'), { recursive: true });
  await writeFile(join(folder, 'lane1', 'siteA.fasta'), bySite.get('siteA')!.join(''));
  await writeFile(join(folder, 'siteB.fa'), bySite.get('siteB')!.join(''));
  await writeFile(join(folder, 'notes.txt'), 'not reads\n');
});

describe('classify several files together', () => {
  it('classifies a file of more reads than a call can take arguments (150,000)', async () => {
    // Short stretches of the fixture's reads, each copied under its own id: cheap to embed, and as many ids as a
    // MinION run's file, which once overflowed the stack when the run gathered them.
    const stretches = [...bySite.values()].flat().map((record) => record.split('\n').slice(1).join('').slice(100, 140));
    const file = join(await tempDir(), 'minion.fasta');
    await writeFile(file, Array.from({ length: 150_000 }, (_, i) => `>r${i}\n${stretches[i % stretches.length]}\n`).join(''));
    const out = join(await tempDir(), 'run');
    const result = await engine.classify({ input: file, reference: 'gold5', store, out, overrides: { strand: 'forward', chimera_check: false } });
    expect(result.reads).toBe(150_000);
    expect((await readAssignments(join(out, 'assignments.tsv'))).reads.at(-1)!.queryId).toBe('r149999');
  }, 120_000);

  it('classifies a folder of files in one run, each file the sample of its reads, and maps and exports them together', async () => {
    const out = join(await tempDir(), 'run');
    const result = await engine.classify({ input: folder, reference: 'gold5', store, out });
    const counts = Object.fromEntries([...bySite].map(([site, reads]) => [site, reads.length]));
    expect(result.samples).toEqual(['siteA', 'siteB']);
    expect(result.reads).toBe(counts.siteA! + counts.siteB!);
    const classification = await readAssignments(join(out, 'assignments.tsv'));
    expect(classification.reads.filter((read) => read.sample === 'siteA')).toHaveLength(counts.siteA!);

    // run.json lists both datasets; the first keeps the one-input fields.
    const record = JSON.parse(await readFile(join(out, 'run.json'), 'utf8')) as { query: { datasetId: string; datasets: { datasetId: string; sample: string; reads: number }[] } };
    expect(record.query.datasets.map((d) => [d.sample, d.reads])).toEqual([['siteA', counts.siteA], ['siteB', counts.siteB]]);
    expect(record.query.datasetId).toBe(record.query.datasets[0]!.datasetId);

    // Sequences come from whichever dataset holds each read: a FASTA export and a map selection.
    const ids = [classification.reads.find((r) => r.sample === 'siteA')!.queryId, classification.reads.find((r) => r.sample === 'siteB')!.queryId];
    const perFamily = join(await tempDir(), 'per-family');
    await engine.exportRun({ kind: 'fasta', run: out, out: perFamily, rank: 'family' });
    const exported = (await Promise.all((await readdir(perFamily)).map((name) => readFile(join(perFamily, name), 'utf8')))).join('');
    for (const id of ids) expect(exported).toContain(`>${id}`);
    const selection = await readRunSequences(out, ids);
    expect(selection.datasetIds).toHaveLength(2);
    expect(selection.sequences.every((s) => /^[ACGTN]+$/.test(s.sequence))).toBe(true);

    // One map of both files' reads, from the run folder alone (as the app's Compute map asks for it).
    const map = join(await tempDir(), 'map');
    const clustered = await engine.cluster({ run: out, out: map, minClusterSize: 3 });
    expect(clustered.points).toBe(result.reads);
    const config = parse(await readFile(join(map, 'experiment_config.yaml'), 'utf8')) as { run: string; assignments: string; input: { datasets: { datasetId: string }[]; model: string; layer: number } };
    expect(config).toMatchObject({ run: out, assignments: join(out, 'assignments.tsv'), input: { model: 'dna-kmer', layer: 0 } });
    expect(config.input.datasets.map((d) => d.datasetId)).toEqual(record.query.datasets.map((d) => d.datasetId));
    expect((await readRunSequences(map, ids)).sequences.map((s) => s.id)).toEqual(ids);
    await expect(engine.cluster({ run: out, store, out: join(map, 'x') })).rejects.toThrow('give one of vectors, run, or store, dataset and model');
  });

  it('refuses a read id found in two files, naming both, before anything is written', async () => {
    const dir = await tempDir();
    const siteA = bySite.get('siteA')!.join('');
    await writeFile(join(dir, 'a.fasta'), siteA);
    await writeFile(join(dir, 'b.fasta'), siteA);
    const out = join(dir, 'run');
    await expect(engine.classify({ input: [join(dir, 'a.fasta'), join(dir, 'b.fasta')], reference: 'gold5', store, out })).rejects.toThrow(/^read "\w+" is in both a\.fasta and b\.fasta: reads of one run need distinct ids/);
    await expect(readFile(join(out, 'assignments.tsv'))).rejects.toThrow();
  });

  it('embeds only the files added since, when a folder that is still being written to is classified again', async () => {
    const dir = await tempDir();
    const [siteA, siteB] = [bySite.get('siteA')!, bySite.get('siteB')!];
    await writeFile(join(dir, 'FAW12345_pass_barcode01_6b5e4d3c_0a1b2c3d_0.fasta'), siteA.join(''));
    // Which chunk files a run embedded (each file once per strand, both strands being compared), by their number.
    const embedded = async (out: string): Promise<string[]> => {
      const chunks = new Set<string>();
      await engine.classify({ input: dir, reference: 'gold5', store, out: join(dir, out) }, { emit: (event) => {
        if (event.type === 'progress' && event.stage === 'embed') chunks.add(/0a1b2c3d_(\d+)/.exec(event.jobId)![1]!);
      } });
      return [...chunks];
    };
    expect(await embedded('run1')).toEqual(['0']);
    await writeFile(join(dir, 'FAW12345_pass_barcode01_6b5e4d3c_0a1b2c3d_1.fasta'), siteB.join(''));
    expect(await embedded('run2')).toEqual(['1']);
    const record = JSON.parse(await readFile(join(dir, 'run2', 'run.json'), 'utf8')) as { query: { datasets: { sample: string; reads: number }[] } };
    expect(record.query.datasets.map((d) => [d.sample, d.reads])).toEqual([['barcode01', siteA.length], ['barcode01', siteB.length]]);
  });

  it('names files alike by their folder, and a folder without sequence files', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'lane1'));
    await mkdir(join(dir, 'lane2'));
    await writeFile(join(dir, 'lane1', 'reads.fasta'), bySite.get('siteA')!.join(''));
    await writeFile(join(dir, 'lane2', 'reads.fasta'), bySite.get('siteB')!.join(''));
    const result = await engine.classify({ input: dir, reference: 'gold5', store, out: join(dir, 'run') });
    expect(result.samples).toEqual(['lane1_reads', 'lane2_reads']);
    await mkdir(join(dir, 'empty'));
    await expect(engine.classify({ input: join(dir, 'empty'), reference: 'gold5', store, out: join(dir, 'run2') })).rejects.toThrow('folder holds no FASTA/FASTQ files');
  });
});
