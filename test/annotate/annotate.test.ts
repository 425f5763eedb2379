import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../main/api/engine.ts';
import { loadAnnotateConfig } from '../../main/annotate/annotate-config.ts';
import type { AnnotateRequest } from '../../main/annotate/annotate-request.ts';
import { runningControl } from '../../main/api/job-events.ts';
import { parseCsvLine } from '../../main/export/csv.ts';
import { EngineError } from '../../main/shared/engine-error.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';

const FIXTURES = resolve('test/fixtures/annotate');
const tempDir = useTempDirs();
const engine = new Engine();

/** Rows of a CSV written by csvLine, by column name. */
function readCsv(text: string): Record<string, string>[] {
  const lines = text.trim().split('\n');
  const header = parseCsvLine(lines[0]!);
  return lines.slice(1).map((line) => Object.fromEntries(parseCsvLine(line).map((v, i) => [header[i]!, v])));
}

let store: string;
const referenceGo = new Map<string, Set<string>>();

beforeAll(async () => {
  // One reference store for the file; each test writes its own output folder.
  store = join(await mkdtemp(join(tmpdir(), 'seqatlas-annotate-')), 'store');
  const built = await engine.buildReference({
    input: join(FIXTURES, 'reference.fasta'), name: 'sprot', model: 'protein-kmer', store,
    goAnnotations: join(FIXTURES, 'reference.gaf'), ontology: join(FIXTURES, 'go-subset.obo'),
  });
  expect(built.reference.records).toBe(100);
  for (const line of (await readFile(join(FIXTURES, 'reference.gaf'), 'utf8')).split('\n')) {
    const f = line.split('\t');
    if (f.length < 5 || line.startsWith('!')) continue;
    referenceGo.set(f[1]!, (referenceGo.get(f[1]!) ?? new Set()).add(f[4]!));
  }
});

async function annotate(request: Partial<AnnotateRequest> & { overrides?: Record<string, unknown> }) {
  const out = join(await tempDir(), 'out');
  const result = await engine.annotate({ input: join(FIXTURES, 'queries.fasta'), reference: 'sprot', store, out, ...request });
  return { out, result };
}

async function rawRows(out: string, accession: string): Promise<Record<string, string>[]> {
  return readCsv(await readFile(join(out, 'raw_results', 'protein-kmer', 'layer_0', `${accession}.csv`), 'utf8'));
}

describe('reference sets', () => {
  it('records labels, coverage and embeddings, and lists and describes the set', async () => {
    const [listed] = await engine.listReferences(store);
    expect(listed).toMatchObject({ name: 'sprot', records: 100, labelled: { taxid: 100 }, embeddings: [{ model: 'protein-kmer', layer: 0, dim: 2048, count: 100 }] });
    expect(listed!.labelled.go).toBeGreaterThan(95);
    expect(listed!.goTerms).toBeGreaterThan(100);
    expect(listed!.labelSources).toMatchObject({ headerFormat: 'taxid' });
  });

  it('refuses an unknown reference with the names it has', async () => {
    await expect(engine.annotate({ input: join(FIXTURES, 'queries.fasta'), reference: 'nope', store, out: join(await tempDir(), 'o') }))
      .rejects.toThrow(/no reference "nope" \(references: sprot/);
  });
});

describe('annotate', () => {
  it('transfers the GO terms of the nearest references and writes FANTASIA\'s outputs', async () => {
    const { out, result } = await annotate({});
    expect(result).toMatchObject({ queries: 6, reference: 'sprot', layers: [{ model: 'protein-kmer', layer: 0, search: 'exact', references: 100 }] });

    // A query identical to a reference finds it first, at distance 0 (reliability 1), and inherits its terms.
    const self = await rawRows(out, 'q_self_P68142');
    const first = self.filter((r) => r.hit_rank === '1');
    expect(first[0]).toMatchObject({ accession: 'q_self_P68142', model_name: 'protein-kmer', layer_index: '0', reference_id: 'P68142', taxid: expect.stringMatching(/^\d+$/) });
    expect(Number(first[0]!.distance)).toBeLessThan(1e-5);
    expect(Number(first[0]!.reliability_index)).toBeGreaterThan(0.99999);
    expect(new Set(first.map((r) => r.go_id))).toEqual(new Set([...referenceGo.get('P68142')!].filter((id) => first.some((r) => r.go_id === id))));
    expect(first.every((r) => ['BP', 'MF', 'CC'].includes(r.category!) && r.go_description!.length > 0 && r.evidence_code!.length > 0)).toBe(true);
    expect(first[0]!.organism).not.toBe('');

    // The mutated copy still finds its source first.
    expect((await rawRows(out, 'q_mut_O04395')).find((r) => r.hit_rank === '1')?.reference_id).toBe('O04395');

    const summary = readCsv(await readFile(join(out, 'summary.csv'), 'utf8'));
    expect(Object.keys(summary[0]!)).toEqual(['accession', 'model_name', 'layer_index', 'go_id', 'category', 'go_description', 'support_count', 'support', 'reliability_index_max', 'reliability_index_mean', 'final_score']);
    const selfTerms = summary.filter((r) => r.accession === 'q_self_P68142');
    expect(selfTerms.length).toBeGreaterThan(0);
    for (const row of selfTerms) expect(Number(row.support)).toBeCloseTo(Number(row.support_count) / 5, 6);

    const topgo = (await readFile(join(out, 'topgo', 'protein-kmer', 'layer_0', 'MF.topgo'), 'utf8')).trim().split('\n');
    expect(topgo.every((line) => /^\S+\tGO:\d{7}\t[\d.e-]+$/.test(line))).toBe(true);
    for (const ns of ['BP', 'MF', 'CC']) expect((await readdir(join(out, 'topgo', 'ensemble')))).toContain(`${ns}.topgo`);
    const fasta = await readFile(join(out, 'sequences.fasta'), 'utf8');
    expect(fasta).toContain('>q_shuffled query');
    expect(fasta).toContain('>P68142 reference');
    const config = parse(await readFile(join(out, 'experiment_config.yaml'), 'utf8'));
    expect(config).toMatchObject({ reference: 'sprot', limit_per_entry: 5, distance_metric: 'cosine', redundancy_filter: 0 });
    const run = JSON.parse(await readFile(join(out, 'run.json'), 'utf8'));
    expect(run.versions['onnxruntime-node']).toMatch(/^\d/);
    expect(run.result.layers[0].provider).toBe('cpu');
  });

  it('adds global and local alignment metrics, and the redundancy filter masks near-identical references', async () => {
    const aligned = await annotate({ overrides: { alignment: { enabled: true }, summary: { aggregations: { reliability_index: ['max'], identity: ['max'] }, weights: { reliability_index_max: 0.5, identity_max: 0.5 } } } });
    const mut = (await rawRows(aligned.out, 'q_mut_O04395')).find((r) => r.hit_rank === '1')!;
    expect(Number(mut.identity_global)).toBeGreaterThan(0.8);
    expect(Number(mut.identity_global)).toBeLessThan(0.95);
    expect(Number(mut.query_coverage_local)).toBeGreaterThan(0.9);
    const self = (await rawRows(aligned.out, 'q_self_P68142')).find((r) => r.hit_rank === '1')!;
    expect(Number(self.identity_global)).toBe(1);
    const summary = readCsv(await readFile(join(aligned.out, 'summary.csv'), 'utf8'));
    expect(summary[0]).toHaveProperty('identity_max');

    // Two alignment threads, whatever the work: the hits' and the filter's alignments go to worker threads.
    const filtered = await annotate({ overrides: { redundancy_filter: 0.95, alignment_coverage: 0.8, alignment: { enabled: true, modes: ['local'], threads: 2 } } });
    // Actins and ARFs are conserved across species, so more than the three identical copies are masked.
    expect(filtered.result.redundantExcluded).toBeGreaterThanOrEqual(3);
    for (const accession of ['q_self_P68142', 'q_self_P61205', 'q_self_P61951', 'q_mut_O04395', 'q_mut_O42611']) {
      for (const row of await rawRows(filtered.out, accession).catch(() => [])) {
        const masked = Number(row.identity_local) >= 0.95 && Number(row.query_coverage_local) >= 0.8 && Number(row.reference_coverage_local) >= 0.8;
        expect(masked, `${accession} kept ${row.reference_id}`).toBe(false);
      }
    }
    for (const accession of ['P68142', 'P61205', 'P61951']) {
      const rows = await rawRows(filtered.out, `q_self_${accession}`).catch(() => []);
      expect(rows.some((r) => r.reference_id === accession)).toBe(false);
    }
    // 88 % identity is below the 95 % threshold: the source stays.
    expect((await rawRows(filtered.out, 'q_mut_O04395')).find((r) => r.hit_rank === '1')?.reference_id).toBe('O04395');
    // Aligned on this thread alone, every file is the same.
    const oneThread = await annotate({ overrides: { redundancy_filter: 0.95, alignment_coverage: 0.8, alignment: { enabled: true, modes: ['local'], threads: 1 } } });
    expect(filtered.result.layers[0]!.alignmentThreads).toBe(2);
    expect(oneThread.result.layers[0]!.alignmentThreads).toBe(1);
    expect(oneThread.result.redundantExcluded).toBe(filtered.result.redundantExcluded);
    expect(oneThread.result.alignments).toEqual(filtered.result.alignments);
    const folder = join('raw_results', 'protein-kmer', 'layer_0');
    const files = (await readdir(join(filtered.out, folder))).sort();
    expect(await readdir(join(oneThread.out, folder))).toEqual(expect.arrayContaining(files));
    for (const file of [...files.map((f) => join(folder, f)), 'summary.csv']) {
      expect(await readFile(join(oneThread.out, file), 'utf8'), file).toBe(await readFile(join(filtered.out, file), 'utf8'));
    }
  });

  it('excludes and includes references by taxid, and applies a per-model distance threshold', async () => {
    const fasta = await readFile(join(FIXTURES, 'reference.fasta'), 'utf8');
    const taxidOf = (acc: string) => Number(new RegExp(`>${acc} .* OX=(\\d+)`).exec(fasta)![1]);
    const excluded = taxidOf('P68142');
    const { out } = await annotate({ overrides: { taxonomy_ids_to_exclude: [excluded] } });
    const rows = await rawRows(out, 'q_self_P68142');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => Number(r.taxid) === excluded)).toBe(false);

    const only = await annotate({ overrides: { taxonomy_ids_included_exclusively: [excluded] } });
    expect((await rawRows(only.out, 'q_self_P68142')).every((r) => Number(r.taxid) === excluded)).toBe(true);

    const near = await annotate({ overrides: { models: { 'protein-kmer': { distance_threshold: 0.001 } } } });
    expect(near.result.annotatedQueries).toBe(3);
  });

  it('runs lookup-only from HDF5 in FANTASIA\'s layout with the same results as from FASTA', async () => {
    const fromFasta = await annotate({});
    const datasetId = (await engine.storeInfo(store)).datasets.find((d) => d.name === 'query-queries.fasta')!.id;
    const h5 = join(await tempDir(), 'queries.h5');
    await engine.exportH5({ store, dataset: datasetId, out: h5 });
    const fromH5 = await annotate({ input: undefined, fromH5: h5 });
    const lines = async (out: string) => (await readFile(join(out, 'summary.csv'), 'utf8')).trim().split('\n').sort();
    expect(await lines(fromH5.out)).toEqual(await lines(fromFasta.out));
    expect((await lines(fromH5.out)).length).toBeGreaterThan(20);
  });

  it('rejects a configuration with an unknown or mistyped key, naming it', async () => {
    const dir = await tempDir();
    const bad = join(dir, 'run.yaml');
    await writeFile(bad, 'limit_per_entry: 3\nsummary:\n  wieghts: {support: 1}\n');
    await expect(annotate({ config: bad })).rejects.toThrow(/run\.yaml: unknown key "summary\.wieghts"/);
    await writeFile(bad, 'limit_per_entry: three\n');
    await expect(annotate({ config: bad })).rejects.toThrow(/run\.yaml: limit_per_entry: /);
    await writeFile(bad, 'summary:\n  weights: {identity_max: 1}\n');
    await expect(annotate({ config: bad })).rejects.toThrow(/not a summary column/);
    await writeFile(bad, 'limit_per_entry: 2\nalignment: {enabled: false}\n');
    const { out } = await annotate({ config: bad });
    expect(parse(await readFile(join(out, 'experiment_config.yaml'), 'utf8')).limit_per_entry).toBe(2);
  });

  it('refuses DNA queries against a protein reference, and a model the reference lacks', async () => {
    const error = await annotate({ input: resolve('resources/samples/16s-sample.fasta') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect((error as EngineError).message).toMatch(/16s-sample\.fasta .*dna.*protein/);
    await expect(annotate({ overrides: { models: { 'dna-kmer': {} } } })).rejects.toThrow(/has no embeddings of model "dna-kmer"/);
  });
});

describe('annotate with seed candidates', () => {
  it('ranks seed and embedding candidates by local alignment, with embedding distances on every row', async () => {
    const { out, result } = await annotate({ overrides: { candidates: { source: 'both', seeds: { per_query: 10, threads: 2 } }, alignment: { enabled: true, modes: ['local'] } } });
    const layer = result.layers[0]!;
    expect(layer.seeds).toMatchObject({ shape: '1101011', threads: 2 });
    expect(layer.seeds!.postings).toBeGreaterThan(30_000);
    // The shuffled query has no significant alignment with any reference, so it gets no hit (as with diamond).
    expect(layer.hits).toBeLessThan(6 * 5);
    await expect(rawRows(out, 'q_shuffled')).rejects.toThrow(/ENOENT/);

    const mutant = await rawRows(out, 'q_mut_O04395');
    const first = mutant.filter((r) => r.hit_rank === '1');
    expect(first[0]).toMatchObject({ reference_id: 'O04395' });
    // Hits are in alignment-score order, and each carries its embedding distance and reliability index.
    const scores = [...new Map(mutant.map((r) => [r.hit_rank, Number(r.alignment_score_local)])).values()];
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const row of mutant) {
      expect(Number(row.distance)).toBeGreaterThanOrEqual(0);
      expect(Number(row.reliability_index)).toBeCloseTo(1 - Number(row.distance), 5);
    }
    const config = parse(await readFile(join(out, 'experiment_config.yaml'), 'utf8'));
    expect(config.candidates).toEqual({ source: 'both', seeds: { shape: '1101011', per_query: 10, max_evalue: 0.001, threads: 2 } });
  });

  it('stops between blocks when cancelled, keeping the queries finished so far and closing its seed workers', async () => {
    // 600 queries make two blocks of 512; the second block's embedding search starts while the first is ranked,
    // so the cancelled run has that search to settle and the seed workers to stop before it rejects.
    const records = (await readFile(join(FIXTURES, 'reference.fasta'), 'utf8')).split(/(?=^>)/m);
    const input = join(await tempDir(), 'many.fasta');
    await writeFile(input, Array.from({ length: 600 }, (_, i) => records[i % records.length]!.replace(/^>(\S+)/, `>copy${i}_$1`)).join(''));
    const controller = new AbortController();
    const out = join(await tempDir(), 'out');
    const run = engine.annotate(
      { input, reference: 'sprot', store, out, overrides: { candidates: { source: 'both', seeds: { threads: 2 } } } },
      { control: runningControl(controller.signal), emit: (event) => event.type === 'progress' && event.stage === 'lookup' && controller.abort() },
    );
    await expect(run).rejects.toMatchObject({ code: 'cancelled', message: expect.stringMatching(/holds the queries finished so far/) });
    const written = await readdir(join(out, 'raw_results', 'protein-kmer', 'layer_0'));
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThanOrEqual(512);
  });

  it('with seeds alone, finds the sources of the self and mutated queries and applies the redundancy filter', async () => {
    const { out } = await annotate({ overrides: { candidates: { source: 'seeds', seeds: { threads: 1 } } } });
    expect((await rawRows(out, 'q_self_P68142')).find((r) => r.hit_rank === '1')?.reference_id).toBe('P68142');
    expect((await rawRows(out, 'q_mut_O42611')).find((r) => r.hit_rank === '1')?.reference_id).toBe('O42611');

    const filtered = await annotate({ overrides: { candidates: { source: 'seeds', seeds: { threads: 1 } }, redundancy_filter: 0.95, alignment_coverage: 0.8 } });
    expect((await rawRows(filtered.out, 'q_self_P68142')).some((r) => r.reference_id === 'P68142')).toBe(false);
    expect(filtered.result.redundantExcluded).toBeGreaterThanOrEqual(3);
  });

  it('lays flags over a config file key by key one level down, and replaces what lies deeper whole', async () => {
    const file = join(await tempDir(), 'run.yaml');
    await writeFile(file, [
      'alignment: {modes: [local]}', 'candidates: {source: embedding, seeds: {per_query: 9}}',
      'summary: {aggregations: {identity: [max]}, weights: {identity_max: 1}}', '',
    ].join('\n'));
    const config = await loadAnnotateConfig(file, { alignment: { enabled: true }, candidates: { source: 'both' }, summary: { weights: { identity_max: 2, support: 1 } } });
    expect(config.alignment).toMatchObject({ enabled: true, modes: ['local'] });
    expect(config.candidates).toMatchObject({ source: 'both', seeds: { per_query: 9 } });
    expect(config.summary).toEqual({ aggregations: { identity: ['max'] }, weights: { identity_max: 2, support: 1 } });
  });

  it('rejects an unknown candidates key and a seed shape of the wrong weight, naming them', async () => {
    const bad = join(await tempDir(), 'run.yaml');
    await writeFile(bad, 'candidates:\n  source: seeds\n  seeds: {k: 5}\n');
    await expect(annotate({ config: bad })).rejects.toThrow(/run\.yaml: unknown key "candidates\.seeds\.k"/);
    await writeFile(bad, 'candidates: {source: blast}\n');
    await expect(annotate({ config: bad })).rejects.toThrow(/run\.yaml: candidates\.source: /);
    await writeFile(bad, 'candidates: {seeds: {shape: "1100000001"}}\n');
    await expect(annotate({ config: bad })).rejects.toThrow(/candidates\.seeds\.shape "1100000001" has weight 3/);
  });
});
