import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../main/api/engine.ts';
import { safeFileName } from '../../main/export/safe-file-name.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { SAMPLE_CLASSIFICATION, writeRunFolder } from './sample-run.ts';

const FIXTURES = resolve('test/fixtures/export');
const tempDir = useTempDirs();
const engine = new Engine();

let store: string;
let datasetId: string;
const sequences = new Map<string, string>();

beforeAll(async () => {
  // One real store for the file: the reads embedded as a classify run would, and a labelled reference set.
  store = join(await mkdtemp(join(tmpdir(), 'seqatlas-export-')), 'store');
  datasetId = (await engine.embed({ input: join(FIXTURES, 'reads.fasta'), store, model: 'dna-kmer' })).datasetId;
  await engine.buildReference({ input: join(FIXTURES, 'reference.fasta'), name: 'gold16s', model: 'dna-kmer', store });
  const lines = (await readFile(join(FIXTURES, 'reads.fasta'), 'utf8')).trim().split('\n');
  for (let i = 0; i < lines.length; i += 2) sequences.set(lines[i]!.slice(1).split(';')[0]!, lines[i + 1]!);
});

const runFolder = async () => writeRunFolder(join(await tempDir(), 'run'), SAMPLE_CLASSIFICATION, { store, datasetId });

describe('FASTA exports', () => {
  it('writes one FASTA per taxon at a rank, with the stored sequences and re-importable headers', async () => {
    const run = await runFolder();
    const out = join(await tempDir(), 'genera');
    const result = await engine.exportRun({ kind: 'fasta', run, out, rank: 'genus' });
    expect(result.skipped).toEqual({ reads: 4, reason: 'not assigned down to genus' });
    expect((await readdir(out)).sort()).toEqual(['Bacillus.fasta', 'Clostridium.fasta']);
    expect(result.files.map((f) => f.records)).toEqual([3, 1]);
    const bacillus = await readFile(join(out, 'Bacillus.fasta'), 'utf8');
    expect(bacillus.split('\n').filter((l) => l.startsWith('>'))).toEqual([
      '>r1;size=12;sample=lake-a; Bacteria;Firmicutes;Bacilli;Bacillales;Bacillaceae;Bacillus',
      '>r2;size=3;sample=lake-a; Bacteria;Firmicutes;Bacilli;Bacillales;Bacillaceae;Bacillus',
      '>r8;size=4;sample=lake-b; Bacteria;Firmicutes;Bacilli;Bacillales;Bacillaceae;Bacillus',
    ]);
    const records = bacillus.split('>').slice(1).map((record) => record.split('\n'));
    for (const [header, ...body] of records) {
      expect(body.every((line) => line.length <= 80)).toBe(true);
      expect(body.join('')).toBe(sequences.get(header!.split(';')[0]!));
    }
  });

  it('writes the novel-flagged reads to one file, and names taxa with unsafe characters safely', async () => {
    const run = await runFolder();
    const out = join(await tempDir(), 'novel.fasta');
    await engine.exportRun({ kind: 'fasta', run, out, novel: true });
    const text = await readFile(out, 'utf8');
    expect(text.split('\n').filter((l) => l.startsWith('>'))).toEqual(['>r4;size=7;sample=lake-b; Bacteria;Firmicutes;Clostridia;Clostridiales;Clostridiaceae', '>r7;size=5;sample=lake-a; Unassigned']);
    expect(text).toContain(sequences.get('r7')!.slice(0, 80));

    const odd = { ...SAMPLE_CLASSIFICATION, reads: SAMPLE_CLASSIFICATION.reads.map((r) => ({ ...r, calls: r.calls.map((c) => (c.rank === 'phylum' ? { ...c, name: `${c.name}/../CON` } : c)) })) };
    const oddRun = await writeRunFolder(join(await tempDir(), 'run'), odd, { store, datasetId });
    const folder = join(await tempDir(), 'phyla');
    await engine.exportRun({ kind: 'fasta', run: oddRun, out: folder, rank: 'phylum' });
    expect((await readdir(folder)).sort()).toEqual([`${safeFileName('Firmicutes/../CON')}.fasta`, `${safeFileName('Proteobacteria/../CON')}.fasta`].sort());
  });

  it('names a read the store does not have', async () => {
    const missing = { ...SAMPLE_CLASSIFICATION, reads: [...SAMPLE_CLASSIFICATION.reads, { ...SAMPLE_CLASSIFICATION.reads[3]!, queryId: 'ghost' }] };
    const run = await writeRunFolder(join(await tempDir(), 'run'), missing, { store, datasetId });
    await expect(engine.exportRun({ kind: 'fasta', run, out: join(run, 'n.fasta'), novel: true })).rejects.toThrow(`read "ghost" of ${run} is in none of its datasets (${datasetId}) of store`);
  });
});

describe('Darwin Core', () => {
  it('writes occurrences per sample and taxon with the DNA derived data extension', async () => {
    const run = await runFolder();
    const dir = await tempDir();
    const metadata = join(dir, 'samples.tsv');
    await engine.exportRun({ kind: 'metadata-template', run, out: metadata });
    const [header] = (await readFile(metadata, 'utf8')).split('\n');
    await writeFile(metadata, `${header}\nlake-a\t2024-06-01\t46.52\t6.63\tLac Léman\t16S rRNA\tV4\tGTGYCAGCMGCCGCGGTAA\tGGACTACNVGGGTWTCTAAT\t515F\t806R\tIllumina MiSeq\tfreshwater lake biome [ENVO:01000252]\tlake shore\twater [ENVO:00002006]\nlake-b\t2024-06-02\t-33.9\t151.2\n`);
    const out = join(dir, 'dwc');
    const result = await engine.exportRun({ kind: 'darwin-core', run, out, metadata });
    expect(result.files.map((f) => [f.path, f.records])).toEqual([[join(out, 'occurrence.tsv'), 7], [join(out, 'dna_derived_data.tsv'), 7]]);

    const table = async (name: string) => {
      const [head, ...rows] = (await readFile(join(out, name), 'utf8')).trimEnd().split('\n').map((line) => line.split('\t'));
      return rows.map((row) => Object.fromEntries(head!.map((column, i) => [column, row[i]])));
    };
    const occurrences = await table('occurrence.tsv');
    expect(occurrences.map((o) => o.occurrenceID)).toEqual([
      'lake-a:Bacteria;Firmicutes;Bacilli;Bacillales;Bacillaceae;Bacillus', 'lake-a:Unassigned', 'lake-a:Bacteria;Proteobacteria;Gammaproteobacteria',
      'lake-b:Bacteria;Firmicutes;Clostridia;Clostridiales;Clostridiaceae', 'lake-b:Bacteria;Firmicutes;Bacilli;Bacillales;Bacillaceae;Bacillus',
      'lake-b:Bacteria;Firmicutes;Clostridia;Clostridiales;Clostridiaceae;Clostridium', 'lake-b:Unassigned',
    ]);
    expect(occurrences[0]).toEqual({
      occurrenceID: 'lake-a:Bacteria;Firmicutes;Bacilli;Bacillales;Bacillaceae;Bacillus', eventID: 'lake-a', basisOfRecord: 'MaterialSample',
      eventDate: '2024-06-01', decimalLatitude: '46.52', decimalLongitude: '6.63', locality: 'Lac Léman',
      scientificName: 'Bacillus', taxonRank: 'genus', kingdom: 'Bacteria', phylum: 'Firmicutes', class: 'Bacilli', order: 'Bacillales', family: 'Bacillaceae', genus: 'Bacillus',
      organismQuantity: '15', organismQuantityType: 'DNA sequence reads', sampleSizeValue: '21', sampleSizeUnit: 'DNA sequence reads',
      identificationRemarks: 'SeqAtlas classify: dna-kmer embeddings, nearest-neighbour consensus against reference gold16s; confidence 0.640 at genus (abundance-weighted mean over 2 distinct sequences)',
    });
    expect(occurrences[1]).toMatchObject({ scientificName: 'incertae sedis', taxonRank: '', kingdom: '', organismQuantity: '5' });
    expect(occurrences[2]).toMatchObject({ scientificName: 'Gammaproteobacteria', taxonRank: 'class', order: '', genus: '', organismQuantity: '1' });
    expect(occurrences[3]).toMatchObject({ scientificName: 'Clostridiaceae', taxonRank: 'family', eventDate: '2024-06-02', decimalLatitude: '-33.9', locality: '', sampleSizeValue: '14' });

    const dna = await table('dna_derived_data.tsv');
    expect(dna.map((d) => d.occurrenceID)).toEqual(occurrences.map((o) => o.occurrenceID));
    // The representative is the most abundant read of the group: r1 (12) over r2 (3).
    expect(dna[0]).toMatchObject({
      DNA_sequence: sequences.get('r1'), target_gene: '16S rRNA', target_subfragment: 'V4', pcr_primer_forward: 'GTGYCAGCMGCCGCGGTAA', pcr_primer_reverse: 'GGACTACNVGGGTWTCTAAT',
      pcr_primer_name_forward: '515F', pcr_primer_name_reverse: '806R', seq_meth: 'Illumina MiSeq', env_broad_scale: 'freshwater lake biome [ENVO:01000252]',
      env_local_scale: 'lake shore', env_medium: 'water [ENVO:00002006]', otu_db: 'gold16s',
    });
    expect(dna[6]).toMatchObject({ DNA_sequence: sequences.get('r6'), target_gene: '' });
  });
});

describe('evaluate taxonomy with a store reference', () => {
  it('takes the known taxa from the reference set\'s lineages', async () => {
    const run = await runFolder();
    const result = await engine.evaluateTaxonomy({ assignments: join(run, 'assignments.tsv'), truth: join(FIXTURES, 'truth.tsv'), store, reference: 'gold16s' });
    expect(result.ranks.find((s) => s.rank === 'genus')).toMatchObject({ absentFromReference: 1, decisionAccuracy: 4 / 6 });
    await expect(engine.evaluateTaxonomy({ assignments: join(run, 'assignments.tsv'), truth: join(FIXTURES, 'truth.tsv'), store, reference: 'nope' }))
      .rejects.toThrow(/has no reference "nope" \(references: gold16s/);
  });
});
