import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../main/api/engine.ts';
import type { ClassifyRequest } from '../../main/classify/classify-request.ts';
import { readAssignments } from '../../main/export/assignments-tsv.ts';
import { readLineageFile } from '../../main/export/lineage-file.ts';
import { withReadErrors } from '../../main/classify/read-errors.ts';
import { readSequences } from '../../main/io/read-sequences.ts';
import { expectEngineError } from '../helpers/engine-errors.ts';
import { writeMixedStrands } from '../helpers/mixed-strands.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { mulberry32 } from '../../native/onnx/seeded-random.ts';

const FIXTURES = resolve('test/fixtures/classify');
const READS = join(FIXTURES, 'reads.fasta.gz');
const tempDir = useTempDirs();
const engine = new Engine();
let store: string;
let truth: Map<string, string[]>;

beforeAll(async () => {
  store = join(await mkdtemp(join(tmpdir(), 'seqatlas-classify-')), 'store');
  const built = await engine.buildReference({ input: join(FIXTURES, 'reference.fasta.gz'), name: 'gold5', model: 'dna-kmer', store });
  expect(built.reference.records).toBe(403);
  truth = await readLineageFile(join(FIXTURES, 'reads.truth.tsv'));
});

async function classify(request: Partial<ClassifyRequest> = {}) {
  const out = join(await tempDir(), 'out');
  const result = await engine.classify({ input: READS, reference: 'gold5', store, out, ...request });
  return { out, result, classification: await readAssignments(join(out, 'assignments.tsv')) };
}

describe('classify', () => {
  it('assigns every read top-down with calibrated, non-increasing confidences', async () => {
    const { result, classification } = await classify();
    expect(classification.ranks).toEqual(['domain', 'phylum', 'class', 'order', 'family', 'genus']);
    expect(classification.reads).toHaveLength(25);
    expect(result).toMatchObject({ reads: 25, reference: 'gold5', model: 'dna-kmer', layer: 0, samples: ['siteA', 'siteB'] });
    for (const read of classification.reads) {
      expect(read.calls).toHaveLength(6);
      read.calls.forEach((call, r) => {
        expect(call.confidence).toBeGreaterThanOrEqual(0);
        expect(call.confidence).toBeLessThanOrEqual(1);
        if (r > 0) expect(call.confidence).toBeLessThanOrEqual(read.calls[r - 1]!.confidence);
      });
      // Assigned ranks are exactly those at or above the default minimum confidence (0.5).
      expect(read.assignedRanks).toBe(read.calls.filter((c) => c.confidence >= 0.5).length);
    }
    // Every read of these five families gets at least its family right.
    for (const read of classification.reads) {
      const expected = truth.get(read.queryId)!;
      expect(read.calls.slice(0, 5).map((c) => c.name)).toEqual(expected.slice(0, 5));
    }
  });

  it('names reads of either orientation alike, comparing both strands unless told the reads are forward', async () => {
    const mixed = join(await tempDir(), 'mixed.fasta');
    const reversed = await writeMixedStrands(READS, mixed);
    expect(reversed.length).toBeGreaterThan(10);
    const written = await classify({ input: mixed });
    const asSequenced = await classify();
    expect(written.result.reverseStrand).toBe(reversed.length);
    expect(asSequenced.result.reverseStrand).toBe(0);
    const calls = (reads: typeof written.classification.reads) => reads.map((read) => [read.queryId, read.calls, read.bestHit, read.bestDistance, read.abundance]);
    expect(calls(written.classification.reads)).toEqual(calls(asSequenced.classification.reads));

    // A map of the run places each read by the strand that named it: the same map as of the reads all forward.
    const maps = await Promise.all([written.out, asSequenced.out].map(async (run) => {
      const out = join(await tempDir(), 'map');
      await engine.cluster({ run, out, minClusterSize: 3 });
      return readFile(join(out, 'umap.tsv'), 'utf8');
    }));
    expect(await readFile(join(written.out, 'reverse_strand.txt'), 'utf8')).toBe(`${reversed.join('\n')}\n`);
    expect(maps[0]).toBe(maps[1]);

    // One strand: the reversed reads are far from everything, and the count is not reported.
    const forwardOnly = await classify({ input: mixed, overrides: { strand: 'forward' } });
    expect(forwardOnly.result.reverseStrand).toBeNull();
    const byId = new Map(forwardOnly.classification.reads.map((read) => [read.queryId, read]));
    for (const id of reversed) expect(byId.get(id)!.novel).toBe(true);
  });

  it('keeps the leave-one-out fit for later runs, and refits after the reference changes or the kept fit is damaged', async () => {
    // k = 3: a fit no other test asks for, so the first run finds nothing kept.
    const first = await classify({ overrides: { k: 3 } });
    const second = await classify({ overrides: { k: 3 } });
    expect([first.result.fitted!.cached, second.result.fitted!.cached]).toEqual([false, true]);
    expect(second.classification.reads).toEqual(first.classification.reads);
    expect(second.result.fitted).toEqual({ ...first.result.fitted, cached: true });

    // Building the reference again refreshes its labels and drops its kept fits: none can outlive them.
    const folder = join(store, 'cache', 'taxonomy-fit', 'gold5');
    expect((await readdir(folder)).length).toBeGreaterThan(0);
    await engine.buildReference({ input: join(FIXTURES, 'reference.fasta.gz'), name: 'gold5', model: 'dna-kmer', store });
    await expect(readdir(folder)).rejects.toMatchObject({ code: 'ENOENT' });
    const refreshed = await classify({ overrides: { k: 3 } });
    expect(refreshed.result.fitted!.cached).toBe(false);
    for (const file of await readdir(folder)) await writeFile(join(folder, file), '{"neighbours": 20, "k"');
    const damaged = await classify({ overrides: { k: 3 } });
    expect(damaged.result.fitted!.cached).toBe(false);
    expect(damaged.classification.reads).toEqual(first.classification.reads);
  });

  it('gives an exact copy of a reference its full lineage, distance 0 and no novelty', async () => {
    const { classification } = await classify();
    const copy = classification.reads.find((read) => read.queryId.startsWith('copy-of-'))!;
    expect(copy.bestHit).toBe(copy.queryId.replace('copy-of-', ''));
    expect(copy.bestDistance).toBeLessThan(1e-5);
    expect(copy.assignedRanks).toBe(6);
    expect(copy.calls.map((c) => c.name)).toEqual(truth.get(copy.queryId));
    expect(copy.calls[5]!.confidence).toBeGreaterThan(0.8);
    expect(copy.novel).toBe(false);
    expect(copy.noveltyScore).toBeLessThan(0.01);
  });

  it('leaves no rank unassigned at --min-confidence 0, and fewer ranks at 0.99', async () => {
    const all = await classify({ overrides: { min_confidence: 0 } });
    expect(all.classification.reads.every((read) => read.assignedRanks === 6)).toBe(true);
    expect(all.result.assigned.genus).toBe(25);
    const strict = await classify({ overrides: { min_confidence: 0.99 } });
    expect(strict.result.assigned.genus).toBeLessThan(25);
  });

  it('counts abundances per sample from ;size= and ;sample= tags, and writes the run record', async () => {
    const { out, result, classification } = await classify();
    const sizes = (await readFile(join(FIXTURES, 'reads.truth.tsv'), 'utf8')).length > 0;
    expect(sizes).toBe(true);
    expect(classification.reads.find((r) => r.queryId.startsWith('copy-of-'))).toMatchObject({ sample: 'siteA', abundance: 5 });
    expect(result.abundance).toBe(classification.reads.reduce((s, r) => s + r.abundance, 0));
    const table = (await readFile(join(out, 'taxon_table.tsv'), 'utf8')).trim().split('\n').map((l) => l.split('\t'));
    expect(table[0]).toEqual(['taxon', 'siteA', 'siteB']);
    const totals = [1, 2].map((c) => table.slice(1).reduce((s, row) => s + Number(row[c]), 0));
    const bySample = (sample: string) => classification.reads.filter((r) => r.sample === sample).reduce((s, r) => s + r.abundance, 0);
    expect(totals).toEqual([bySample('siteA'), bySample('siteB')]);
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    expect(summary.samples.map((s: { sample: string }) => s.sample)).toEqual(['siteA', 'siteB']);
    expect(summary.ranks[5].rank).toBe('genus');
    const run = JSON.parse(await readFile(join(out, 'run.json'), 'utf8'));
    expect(run).toMatchObject({ kind: 'classify', query: { store: resolve(store) } });
    expect(parse(await readFile(join(out, 'experiment_config.yaml'), 'utf8'))).toMatchObject({ reference: 'gold5', min_confidence: 0.5, k: 'auto' });
  });

  it('takes samples from a sample map for reads whose headers carry none', async () => {
    const dir = await tempDir();
    const reads = join(dir, 'untagged.fasta');
    await writeFile(reads, '>r1\nAGAGTTTGATCATGGCTCAGATTGAACGCTGGCGGCAGGCCTAACACATGCAAGTCGAACGGTAACAGGAAGAAGCTTGCTTCTTTGCTGACGAGTGGCGGACGGGTGAGTAATGTCTGGGAAACTGCCTGATGGAGGGGGATAACTACTGGAAACGGTAGCTAATACCGCATAACGTCGCAAGACCAAAGAGGGGGACCTTCGGGCCTCTTGCCATCGGATGTGCCCAGATGGGATTAGCTAGTAGGTGGGGTAACGGCTCACCTAGGCGACGATCCCTAGCTGGTCTGAGAGGATGACCAGCCACACTGGAACTGAGACACGGTCCAGACTCCTACGGGAGGCAGCAGTGGGGAATATTGCACAATGGGCGCAAGCCTGATGCAGCCATGCCGCGTGTATGAAGAAGGCCTTCGGGTTGTAAAGTACTTTCAGCGGGGAGGAAGGGAGTAAAGTTAATACCTTTGCTCATTGACGTTACCCGCAGAAGAAGCACCGGCTAACTCCGTGCCAGCAGCCGCGGTAATACGGAGGGTGCAAGCGTTAATCGGAATTACTGGGCGTAAAGCGCACGCAGGCGGTTTGTTAAGTCAGATGTGAAATCCCCGGGCTCAACCTGGGAACTGCATCTGATACTGGCAAGCTTGAGTCTCGTAGAGGGGGGTAGAATTCCAGGTGTAGCGGTGAAATGCGTAGAGATCTGGAGGAATACCGGTGGCGAAGGCGGCCCCCTGGACGAAGACTGACGCTCAGGTGCGAAAGCGTGGGGAGCAAACAGG\n>r2\nAGAGTTTGATCCTGGCTCAGGATGAACGCTGGCGGCGTGCCTAATACATGCAAGTCGAGCGAATGGATTAAGAGCTTGCTCTTATGAAGTTAGCGGCGGACGGGTGAGTAACACGTGGGTAACCTGCCCATAAGACTGGGATAACTCCGGGAAACCGGGGCTAATACCGGATAACATTTTGAACCGCATGGTTCGAAATTGAAAGGCGGCTTCGGCTGTCACTTATGGATGGACCCGCGTCGCATTAGCTAGTTGGTGAGGTAACGGCTCACCAAGGCAACGATGCGTAGCCGACCTGAGAGGGTGATCGGCCACACTGGGACTGAGACACGGCCCAGACTCCTACGGGAGGCAGCAGTAGGGAATCTTCCGCAATGGACGAAAGTCTGACGGAGCAACGCCGCGTGAGTGATGAAGGCTTTCGGGTCGTAAAACTCTGTTGTTAGGGAAGAACAAGTACCGTTCGAATAGGGCGGTACCTTGACGGTACCTAACCAGAAAGCCACGGCTAACTACGTGCCAGCAGCCGCGGTAATACGTAGGTGGCAAGCGTTGTCCGGAATTATTGGGCGTAAAGGGCTCGCAGGCGGTTTCTTAAGTCTGATGTGAAAGCCCCCGGCTCAACCGGGGAGGGTCATTGGAAACTGGGGAACTTGAGTGCAGAAGAGGAGAGTGGAATTCCACGTGTAGCGGTGAAATGCGTAGAGATGTGGAGGAACACCAGTGGCGAAGGCGACTCTCTGGTCTGTAACTGACGCTGAGGAGCGAAAGCGTGGGGAGCGAACAGG\n');
    const map = join(dir, 'samples.tsv');
    await writeFile(map, 'read_id\tsample\nr1\tpond\nr2\triver\n');
    const out = join(dir, 'out');
    await engine.classify({ input: reads, reference: 'gold5', store, out, overrides: { sample_map: map } });
    const classification = await readAssignments(join(out, 'assignments.tsv'));
    expect(classification.reads.map((r) => [r.queryId, r.sample, r.abundance])).toEqual([['r1', 'pond', 1], ['r2', 'river', 1]]);
  });
});

describe('classify: a count table (ASVs × samples)', () => {
  it('counts each read in every sample the table names, and every export sums the same counts', async () => {
    const dir = await tempDir();
    const ids = (await classify()).classification.reads.map((read) => read.queryId);
    const [a, b, c] = ids;
    const table = join(dir, 'otutab.tsv');
    // As vsearch --otutabout writes it: one read in two samples, one in one, one counted nowhere, one ASV that is no read.
    await writeFile(table, `#OTU ID\tpond\triver\tsea\n${a}\t10\t0\t2\n${b}\t0\t4\t0\n${c}\t0\t0\t0\nghost\t9\t9\t9\n`);
    const { out, result, classification } = await classify({ overrides: { counts: table } });
    const rows = (id: string) => classification.reads.filter((read) => read.queryId === id).map((read) => [read.sample, read.abundance]);
    expect(rows(a!)).toEqual([['pond', 10], ['sea', 2]]);
    expect(rows(b!)).toEqual([['river', 4]]);
    // Counted nowhere (in the table with zeros, or not in it): in no sample of the study, so left out.
    expect(classification.reads).toHaveLength(3);
    // Rows of one read carry the same call.
    expect(new Set(classification.reads.filter((read) => read.queryId === a).map((read) => JSON.stringify(read.calls))).size).toBe(1);
    expect(result).toMatchObject({ reads: 2, abundance: 16, samples: ['pond', 'river', 'sea'] });
    expect(result.warnings).toEqual([
      `23 of 25 reads have no count in otutab.tsv (first: "${c}"): they are in no sample, and are left out of the run's files (classify without --counts to name them)`,
      '1 ASVs/OTUs of otutab.tsv are not among the reads (first: "ghost"): their counts are left out',
    ]);
    const taxonTable = (await readFile(join(out, 'taxon_table.tsv'), 'utf8')).trim().split('\n').map((line) => line.split('\t'));
    const columnSum = (sample: string) => taxonTable.slice(1).reduce((sum, row) => sum + Number(row[taxonTable[0]!.indexOf(sample)]), 0);
    expect([columnSum('pond'), columnSum('river'), columnSum('sea')]).toEqual([10, 4, 2]);
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    expect(summary.ranks[0].assignedReads).toBe(result.assigned.domain);
    expect(result.assigned.domain).toBeLessThanOrEqual(2);
    expect(summary.samples.find((row: { sample: string }) => row.sample === 'pond')).toMatchObject({ reads: 1, abundance: 10 });

    // Exports of reads write each read once, with its summed abundance; BIOM keeps the per-sample counts.
    await engine.exportRun({ kind: 'fasta', run: out, out: join(dir, 'per-domain'), rank: 'domain' });
    const written = (await Promise.all((await readdir(join(dir, 'per-domain'))).map((file) => readFile(join(dir, 'per-domain', file), 'utf8')))).join('');
    const headers = written.split('\n').filter((line) => line.startsWith('>'));
    expect(new Set(headers.map((line) => line.slice(1).split(';')[0])).size).toBe(headers.length);
    expect(headers.find((line) => line.startsWith(`>${a};`))).toMatch(new RegExp(`^>${a};size=12; Bacteria`));
    const biom = join(dir, 'table.biom');
    await engine.exportRun({ kind: 'biom', run: out, out: biom, rank: 'genus' });
    const parsed = JSON.parse(await readFile(biom, 'utf8')) as { columns: { id: string }[]; data: [number, number, number][] };
    const pond = parsed.columns.findIndex((column) => column.id === 'pond');
    expect(parsed.data.filter(([, column]) => column === pond).reduce((sum, [, , value]) => sum + value, 0)).toBe(10);
  });

  it('reads DADA2 sequence tables (samples in rows, or ASVs named by their sequence), and refuses a table that names no read', async () => {
    const dir = await tempDir();
    const ids = (await classify()).classification.reads.map((read) => read.queryId);
    const seqtab = join(dir, 'seqtab.csv');
    await writeFile(seqtab, `"",${ids.map((id) => `"${id}"`).join(',')}\n"S1",${ids.map(() => 1).join(',')}\n"S2",${ids.map((_, i) => i).join(',')}\n`);
    const { result, classification } = await classify({ overrides: { counts: seqtab } });
    expect(result).toMatchObject({ reads: 25, samples: ['S1', 'S2'], abundance: 25 + (24 * 25) / 2, warnings: [] });
    expect(classification.reads).toHaveLength(49);
    // DADA2's seqtab names each ASV by its sequence (any case): matched to the reads' sequences.
    const sequences: string[] = [];
    for await (const event of readSequences(READS)) if (event.kind === 'record') sequences.push(event.record.sequence);
    const bySequence = join(dir, 'seqtab-sequences.tsv');
    await writeFile(bySequence, `S1\tS2\n${sequences.map((sequence, i) => `${i % 2 ? sequence.toLowerCase() : sequence}\t${i}\t1\n`).join('')}`);
    const sequenceRun = await classify({ overrides: { counts: bySequence } });
    expect(sequenceRun.result).toMatchObject({ reads: 25, samples: ['S1', 'S2'], abundance: 25 + (24 * 25) / 2, warnings: [] });
    expect(sequenceRun.classification.reads.filter((read) => read.queryId === ids[3]).map((read) => [read.sample, read.abundance])).toEqual([['S1', 3], ['S2', 1]]);
    const stranger = join(dir, 'other-run.tsv');
    await writeFile(stranger, '#OTU ID\tS1\nOtu1\t3\n');
    await expectEngineError(classify({ overrides: { counts: stranger } }), 'invalid_config', /^count table other-run\.tsv: none of its 1 row ids \(first: "Otu1"\) nor its 1 column names \(first: "S1"\) is the id of a read/);
    const broken = join(dir, 'broken.tsv');
    await writeFile(broken, '#OTU ID\tS1\nasv\tlots\n');
    await expectEngineError(classify({ overrides: { counts: broken } }), 'input_unreadable', /^broken\.tsv line 2, column "S1": "lots" is not a count/);
  });
});

describe('classify: chimeras', () => {
  it('lists a read joined from two references of other families as a chimera, with its parents, and nothing else', async () => {
    const references = new Map<string, { sequence: string; family: string }>();
    for await (const event of readSequences(join(FIXTURES, 'reference.fasta.gz'))) {
      if (event.kind === 'record') references.set(event.record.id, { sequence: event.record.sequence, family: event.record.description.split('; ')[4]! });
    }
    const left = [...references.values()].find((r) => r.family === 'Bacillaceae')!;
    const right = [...references.values()].find((r) => r.family === 'Enterobacteriaceae')!;
    // A PCR chimera: the first 60% of one template, then the rest of the other from the same relative position.
    const cut = Math.round(left.sequence.length * 0.6);
    const chimera = left.sequence.slice(0, cut) + right.sequence.slice(Math.round(right.sequence.length * 0.6));
    const plain: string[] = [];
    for await (const event of readSequences(READS)) if (event.kind === 'record' && plain.length < 6) plain.push(`>${event.record.id}\n${event.record.sequence}\n`);
    const input = join(await tempDir(), 'with-chimera.fasta');
    await writeFile(input, `>chimera-1\n${chimera}\n${plain.join('')}`);
    const { out, result } = await classify({ input });
    expect(result.chimeras).toBe(1);
    expect(result.warnings).toContainEqual(expect.stringMatching(/^1 reads \(\d of them flagged novel\) look like chimeras of two references \(chimeras\.tsv/));
    const [header, row, ...rest] = (await readFile(join(out, 'chimeras.tsv'), 'utf8')).trim().split('\n').map((line) => line.split('\t'));
    expect(header).toEqual(['query_id', 'left_parent', 'right_parent', 'breakpoint', 'chimera_identity', 'best_single', 'best_single_identity']);
    expect(rest).toEqual([]);
    expect(row![0]).toBe('chimera-1');
    // The parents found are the templates, or references of their families that match the read as well.
    expect([references.get(row![1]!)!.family, references.get(row![2]!)!.family]).toEqual(['Bacillaceae', 'Enterobacteriaceae']);
    expect(Math.abs(Number(row![3]) - cut)).toBeLessThan(60);
    expect(Number(row![4])).toBeGreaterThan(0.97);
    expect(Number(row![4]) - Number(row![6])).toBeGreaterThan(0.03);

    // The novel reads' FASTA (candidates for new taxa) leaves chimeras out and says so; the report counts them.
    const dir = await tempDir();
    const exported = await engine.exportRun({ kind: 'fasta', run: out, out: join(dir, 'novel.fasta'), novel: true });
    expect(await readFile(join(dir, 'novel.fasta'), 'utf8')).not.toContain('>chimera-1');
    const chimeraIsNovel = (await readAssignments(join(out, 'assignments.tsv'))).reads.find((read) => read.queryId === 'chimera-1')!.novel;
    expect(exported.skipped).toEqual(chimeraIsNovel ? { reads: 1, reason: 'chimeras of two references (chimeras.tsv)' } : undefined);
    await engine.exportRun({ kind: 'report', run: out, out: join(dir, 'report.html') });
    expect(await readFile(join(dir, 'report.html'), 'utf8')).toMatch(/<th>chimeras of two references \(chimeras\.tsv\)<\/th><td class="n">1<\/td>/);

    // Without the check: no file, and the result says it was not checked.
    const unchecked = await classify({ input, overrides: { chimera_check: false } });
    expect(unchecked.result.chimeras).toBeNull();
    await expect(readFile(join(unchecked.out, 'chimeras.tsv'))).rejects.toThrow(/ENOENT/);

    // Nanopore-like reads, 5% errors: the check asks less identity of the two parents by the stated rate (its
    // errors lower the match to the parents as much as to any one reference), so the noisy chimera is still found.
    const random = mulberry32(11);
    const noisy = join(await tempDir(), 'noisy.fasta');
    await writeFile(noisy, [`>chimera-1\n${chimera}\n`, ...plain].map((record) => {
      const [head, sequence] = record.trim().split('\n');
      return `${head}\n${withReadErrors(sequence!, 0.05, random)}\n`;
    }).join(''));
    const found = await classify({ input: noisy, overrides: { calibration: { read_error_rate: 0.05 } } });
    expect(found.result.chimeras).toBe(1);
    const [, noisyRow, ...others] = (await readFile(join(found.out, 'chimeras.tsv'), 'utf8')).trim().split('\n').map((line) => line.split('\t'));
    expect(others).toEqual([]);
    expect(noisyRow![0]).toBe('chimera-1');
    expect(Number(noisyRow![4])).toBeLessThan(0.97);
    // Judged as clean reads, the same read matches its parents too poorly to be called a chimera.
    expect((await classify({ input: noisy, overrides: { calibration: { read_error_rate: 0 } } })).result.chimeras).toBe(0);
  });
});

describe('classify: reads of taxa the reference lacks', () => {
  it('calls no family (or order) for reads of an order the reference lacks, though leave-one-out never lacks one', async () => {
    // Without Pseudomonadaceae and Flavobacteriaceae every remaining family and order has many members, so
    // leave-one-out alone would show the calibration only right calls there (and it would name a family for anything).
    const dir = await tempDir();
    const fasta = (await import('node:zlib')).gunzipSync(await readFile(join(FIXTURES, 'reference.fasta.gz'))).toString('utf8');
    const kept = fasta.split(/^>/m).slice(1).filter((record) => !/Pseudomonadaceae|Flavobacteriaceae/.test(record.split('\n')[0]!));
    await writeFile(join(dir, 'three-families.fasta'), kept.map((record) => `>${record}`).join(''));
    await engine.buildReference({ input: join(dir, 'three-families.fasta'), name: 'three', model: 'dna-kmer', store });
    const { classification } = await classify({ reference: 'three' });
    const family = (read: (typeof classification.reads)[number]) => truth.get(read.queryId)![4]!;
    const absent = classification.reads.filter((read) => family(read) === 'Pseudomonadaceae');
    const present = classification.reads.filter((read) => ['Enterobacteriaceae', 'Bacillaceae', 'Streptococcaceae'].includes(family(read)));
    expect(absent).toHaveLength(4);
    // Ranks 0-2 (domain, phylum, class Gammaproteobacteria) exist in the reference; order and family do not.
    for (const read of absent) expect(read.assignedRanks).toBeLessThanOrEqual(3);
    expect(present.filter((read) => read.assignedRanks >= 5 && read.calls[4]!.name === family(read)).length).toBeGreaterThanOrEqual(present.length - 1);
  });
});

describe('classify: bad input leaves the store as it was', () => {
  it('warns when most reads are novel, as reads of another marker are, and not for reads the reference covers', async () => {
    const { result } = await classify();
    expect(result.warnings.filter((w) => w.includes('novel'))).toEqual([]);
    // Seeded random DNA: no 16S reference is near it.
    let state = 42;
    const base = () => 'ACGT'[(state = (state * 1103515245 + 12345) % 2 ** 31) % 4]!;
    const reads = join(await tempDir(), 'other-marker.fasta');
    await writeFile(reads, Array.from({ length: 8 }, (_, i) => `>r${i}\n${Array.from({ length: 400 }, base).join('')}\n`).join(''));
    const other = await classify({ input: reads });
    expect(other.result.novel).toBe(8);
    expect(other.result.warnings).toContain('8 of 8 reads are novel (farther from every reference than its own members usually are): check that gold5 covers this marker and region (if the reads are amplicons of one region and the reference holds whole genes, build it cut to that region: seqatlas reference build --primers FORWARD,REVERSE)');
    // Real reads of another marker (18S V4): their reverse complements lie nearer to the 16S references than they
    // do, yet name nothing, so every read stays as written.
    const eighteen = await classify({ input: resolve('test/fixtures/io/biomarks18s.sample.fasta') });
    expect(eighteen.result.novel).toBe(eighteen.result.reads);
    expect(eighteen.result.reverseStrand).toBe(0);
  });

  it('refuses protein reads against a DNA reference before embedding them', async () => {
    const before = await engine.storeInfo(store);
    const dir = await tempDir();
    const protein = join(dir, 'protein.fasta');
    await writeFile(protein, '>p1\nMKTAYIAKQRQISFVKSHFSRQLEERLGLIEVQAPILSRVGDGTQDNLSGAEKAVQVKVKALPDAQFEVVHSLAKWKRQTLGQHDFSAGEGLYTHMKALRPDEDRLSPLHSVYVDQWDWERVMGDGERQFSTLKSTVEAIWAGIKATEAAVSEEFGLAPFLPDQIHFVHSQELLSRYPDLDAKGRERAIAKDLGAVFLVGIGGKLSDGHRHDVRAPDYDDWUAAVT\n');
    await expectEngineError(classify({ input: protein }), 'wrong_alphabet', /protein\.fasta holds protein sequences but reference "gold5" is dna/);
    expect((await engine.storeInfo(store)).datasets).toEqual(before.datasets);
  });

  it('names an unknown reference, a model the reference lacks, and a mistyped config key', async () => {
    await expectEngineError(classify({ reference: 'nope' }), 'unknown_reference', /no reference "nope" \(references: gold5/);
    await expectEngineError(classify({ overrides: { model: 'protein-kmer' } }), 'reference_mismatch', /reference "gold5" has no embeddings of protein-kmer \(it has: dna-kmer layer 0\)/);
    const dir = await tempDir();
    const config = join(dir, 'run.yaml');
    await writeFile(config, 'min_confidance: 0.8\n');
    await expectEngineError(classify({ config }), 'invalid_config', /run\.yaml: unknown key "min_confidance"/);
    await writeFile(config, 'min_confidence: high\n');
    await expectEngineError(classify({ config }), 'invalid_config', /^run\.yaml: min_confidence: expected a number between 0 and 1, or one per rank such as \{ genus: 0\.8, default: 0\.5 \}$/);
    // Per rank from the file: a strict genus leaves fewer genera named and every family as it was.
    await writeFile(config, 'min_confidence: { genus: 0.999, default: 0.5 }\n');
    const strict = await classify({ config });
    const plain = await classify();
    expect(strict.result.assigned.genus).toBeLessThan(plain.result.assigned.genus!);
    expect(strict.result.assigned.family).toBe(plain.result.assigned.family);
  });

  it('leaves references without a lineage out of the search and says so; short lineages stop where they end', async () => {
    const dir = await tempDir();
    const fasta = (await import('node:zlib')).gunzipSync(await readFile(join(FIXTURES, 'reference.fasta.gz'))).toString('utf8');
    const records = fasta.split('\n').filter((line) => line.startsWith('>')).map((line) => line.slice(1).split('\t') as [string, string]);
    // The first 200 keep their lineage (every other one cut after the family), the rest get none. Rank prefixes
    // (QIIME style) name the ranks of the cut ones, which a five-level plain lineage could not.
    const prefixed = (lineage: string, depth: number) => lineage.split('; ').slice(0, depth).map((name, r) => `${'dpcofg'[r]}__${name}`).join(';');
    const taxonomy = records.slice(0, 200).map(([id, lineage], i) => `${id}\t${prefixed(lineage, i % 2 ? 5 : 6)}`);
    await writeFile(join(dir, 'taxonomy.tsv'), `${taxonomy.join('\n')}\n`);
    await engine.buildReference({ input: join(FIXTURES, 'reference.fasta.gz'), name: 'partial', model: 'dna-kmer', store, labelFormat: 'none', taxonomy: join(dir, 'taxonomy.tsv') });
    const { result, classification } = await classify({ reference: 'partial', overrides: { min_confidence: 0 } });
    expect(result.warnings).toContain('203 references of partial have no lineage and are not searched');
    expect(classification.ranks).toEqual(['domain', 'phylum', 'class', 'order', 'family', 'genus']);
    const labelled = new Set(records.slice(0, 200).map(([id]) => id));
    expect(classification.reads.every((read) => read.bestHit !== null && labelled.has(read.bestHit))).toBe(true);
  });
});
