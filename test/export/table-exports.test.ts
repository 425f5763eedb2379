import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../main/api/engine.ts';
import type { Classification } from '../../main/classify/read-assignment.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { RANKS, SAMPLE_CLASSIFICATION, writeRunFolder } from './sample-run.ts';

const tempDir = useTempDirs();
const engine = new Engine();

async function runFolder(classification: Classification = SAMPLE_CLASSIFICATION): Promise<{ run: string; dir: string }> {
  const dir = await tempDir();
  return { run: await writeRunFolder(join(dir, 'run'), classification, null), dir };
}

describe('taxon table', () => {
  it('sums abundances per assigned lineage and sample, largest first', async () => {
    const { run, dir } = await runFolder();
    const out = join(dir, 'taxon_table.tsv');
    const result = await engine.exportRun({ kind: 'taxon-table', run, out });
    expect(result).toEqual({ kind: 'taxon-table', files: [{ path: out, records: 5 }] });
    expect(await readFile(out, 'utf8')).toBe([
      'taxon\tlake-a\tlake-b',
      'Bacteria;Firmicutes;Bacilli;Bacillales;Bacillaceae;Bacillus\t15\t4',
      'Bacteria;Firmicutes;Clostridia;Clostridiales;Clostridiaceae\t0\t7',
      'Unassigned\t5\t1',
      'Bacteria;Firmicutes;Clostridia;Clostridiales;Clostridiaceae;Clostridium\t0\t2',
      'Bacteria;Proteobacteria;Gammaproteobacteria\t1\t0',
      '',
    ].join('\n'));
  });

  it('aggregates at a rank, keeping shorter lineages, and writes CSV', async () => {
    const { run, dir } = await runFolder();
    const out = join(dir, 'by-class.csv');
    await engine.exportRun({ kind: 'taxon-table', run, out, rank: 'class', format: 'csv' });
    expect(await readFile(out, 'utf8')).toBe('taxon,lake-a,lake-b\nBacteria;Firmicutes;Bacilli,15,4\nBacteria;Firmicutes;Clostridia,0,9\nUnassigned,5,1\nBacteria;Proteobacteria;Gammaproteobacteria,1,0\n');
    await expect(engine.exportRun({ kind: 'taxon-table', run, out, rank: 'species' })).rejects.toThrow('no rank "species" in this run (ranks: domain, phylum, class, order, family, genus)');
  });
});

describe('BIOM', () => {
  it('writes a sparse BIOM 1.0 OTU table with lineages as taxonomy', async () => {
    const { run, dir } = await runFolder();
    const out = join(dir, 'table.biom');
    await engine.exportRun({ kind: 'biom', run, out, rank: 'phylum' });
    const biom = JSON.parse(await readFile(out, 'utf8'));
    expect(Object.keys(biom)).toEqual(['id', 'format', 'format_url', 'type', 'generated_by', 'date', 'rows', 'columns', 'matrix_type', 'matrix_element_type', 'shape', 'data']);
    expect(biom).toMatchObject({
      id: 'run', format: 'Biological Observation Matrix 1.0.0', format_url: 'http://biom-format.org/documentation/format_versions/biom-1.0.html',
      type: 'OTU table', generated_by: expect.stringMatching(/^SeqAtlas /), matrix_type: 'sparse', matrix_element_type: 'int', shape: [3, 2],
      rows: [
        { id: 'Bacteria;Firmicutes', metadata: { taxonomy: ['Bacteria', 'Firmicutes'] } },
        { id: 'Unassigned', metadata: { taxonomy: ['Unassigned'] } },
        { id: 'Bacteria;Proteobacteria', metadata: { taxonomy: ['Bacteria', 'Proteobacteria'] } },
      ],
      columns: [{ id: 'lake-a', metadata: null }, { id: 'lake-b', metadata: null }],
      data: [[0, 0, 15], [0, 1, 13], [1, 0, 5], [1, 1, 1], [2, 0, 1]],
    });
    expect(new Date(biom.date).toISOString()).toBe(biom.date);
  });
});

describe('feature table', () => {
  // r1 counted in two samples (a count table's ASV): one row per sample in the run, one feature row here.
  const counted: Classification = { ranks: RANKS, reads: [{ ...SAMPLE_CLASSIFICATION.reads[0]!, sample: 'lake-b', abundance: 2 }, ...SAMPLE_CLASSIFICATION.reads] };

  it('writes one row per read (ASV) with its counts per sample, lineage and confidence', async () => {
    const { run, dir } = await runFolder(counted);
    const out = join(dir, 'feature_table.tsv');
    expect(await engine.exportRun({ kind: 'feature-table', run, out })).toEqual({ kind: 'feature-table', files: [{ path: out, records: 8 }] });
    const lines = (await readFile(out, 'utf8')).split('\n');
    expect(lines.slice(0, 4)).toEqual([
      'feature\tlake-a\tlake-b\ttaxonomy\tconfidence',
      'r1\t12\t2\tBacteria;Firmicutes;Bacilli;Bacillales;Bacillaceae;Bacillus\t0.640',
      'r4\t0\t7\tBacteria;Firmicutes;Clostridia;Clostridiales;Clostridiaceae\t0.710',
      'r7\t5\t0\tUnassigned\t',
    ]);
    // Every read once; the counts are the run's, per sample.
    expect(lines.filter((line) => /^r\d/.test(line))).toHaveLength(8);
    const total = lines.slice(1, -1).reduce((sum, line) => sum + Number(line.split('\t')[1]) + Number(line.split('\t')[2]), 0);
    expect(total).toBe(counted.reads.reduce((sum, read) => sum + read.abundance, 0));
  });

  it('writes it as BIOM with each read’s lineage as taxonomy, and as CSV', async () => {
    const { run, dir } = await runFolder(counted);
    const out = join(dir, 'features.biom');
    await engine.exportRun({ kind: 'feature-table', run, out, format: 'biom' });
    const biom = JSON.parse(await readFile(out, 'utf8'));
    expect(biom.shape).toEqual([8, 2]);
    expect(biom.rows[0]).toEqual({ id: 'r1', metadata: { taxonomy: ['Bacteria', 'Firmicutes', 'Bacilli', 'Bacillales', 'Bacillaceae', 'Bacillus'] } });
    expect(biom.rows.find((row: { id: string }) => row.id === 'r7')).toEqual({ id: 'r7', metadata: { taxonomy: ['Unassigned'] } });
    expect(biom.data.slice(0, 2)).toEqual([[0, 0, 12], [0, 1, 2]]);
    const csv = join(dir, 'features.csv');
    await engine.exportRun({ kind: 'feature-table', run, out: csv, format: 'csv' });
    expect((await readFile(csv, 'utf8')).split('\n')[1]).toBe('r1,12,2,Bacteria;Firmicutes;Bacilli;Bacillales;Bacillaceae;Bacillus,0.640');
  });
});

describe('HTML report', () => {
  it('is one self-contained page with the composition chart, top taxa and counts, all names escaped', async () => {
    const hostile = '<script>alert("x")</script>';
    const classification: Classification = {
      ranks: RANKS,
      reads: [
        ...SAMPLE_CLASSIFICATION.reads,
        { ...SAMPLE_CLASSIFICATION.reads[0]!, queryId: 'h1', sample: `"><img src=x onerror=alert(1)>`, calls: SAMPLE_CLASSIFICATION.reads[0]!.calls.map((c, r) => (r === 5 ? { ...c, name: hostile } : c)) },
        // Enough genera that the chart needs an "Other".
        ...Array.from({ length: 14 }, (_, i) => ({ ...SAMPLE_CLASSIFICATION.reads[0]!, queryId: `g${i}`, abundance: 1, calls: SAMPLE_CLASSIFICATION.reads[0]!.calls.map((c, r) => (r === 5 ? { ...c, name: `Genus${i}` } : c)) })),
      ],
    };
    const { run, dir } = await runFolder(classification);
    const out = join(dir, 'report', 'report.html');
    await engine.exportRun({ kind: 'report', run, out, rank: 'genus' });
    const html = await readFile(out, 'utf8');
    expect(html).not.toMatch(/<script|<img|src=["']?(http|\/\/)|<link|@import/i);
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;');
    expect(html).toContain('&#34;&#62;&#60;img src=x onerror=alert(1)&#62;');
    expect(html).toContain("Content-Security-Policy\" content=\"default-src 'none'");
    expect(html).toMatch(/<svg [^>]*aria-label="composition per sample"/);
    expect(html).toContain('>Other<title>');
    expect(html).toMatch(/<th>flagged novel<\/th><td class="n">2<\/td><td class="n">12<\/td>/);
    expect(html).toMatch(/<th>unassigned<\/th><td class="n">2<\/td><td class="n">6<\/td>/);
    expect(html).toContain('<td>gold16s</td>');
    expect(html).toContain('<td>dna-kmer (layer 0)</td>');
    // Diversity per sample at the report's rank, its rarefaction curves and, with three samples, their principal coordinates.
    expect(html).toContain('<h2>Diversity at genus</h2>');
    expect(html).toMatch(/<svg [^>]*aria-label="rarefaction curves"/);
    expect(html).toMatch(/<svg [^>]*aria-label="principal coordinates of Bray–Curtis dissimilarities"/);
  });
});

describe('diversity', () => {
  it('measures each sample and between samples over taxa, leaving out reads named at no rank, or over the reads themselves', async () => {
    const { run, dir } = await runFolder();
    const out = join(dir, 'diversity');
    const result = await engine.exportRun({ kind: 'diversity', run, out });
    expect(result.files.map((file) => file.path.slice(out.length + 1))).toEqual(['alpha_diversity.tsv', 'rarefaction.tsv', 'bray_curtis.tsv', 'jaccard.tsv']);
    // r6 and r7 are named at no rank (1 + 5 reads); two samples are too few for an ordination.
    expect(result.skipped).toEqual({ reads: 6, reason: 'named at no rank (6)' });
    const table = async (name: string) => (await readFile(join(out, name), 'utf8')).trim().split('\n').map((line) => line.split('\t'));
    const alpha = await table('alpha_diversity.tsv');
    expect(alpha[0]).toEqual(['sample', 'reads', 'observed', 'chao1', 'shannon', 'simpson', 'evenness', 'goods_coverage', 'rarefied_richness_at_13']);
    // lake-a: Bacillus 15 reads and a Gammaproteobacteria lineage 1; lake-b: Bacillus 4, Clostridium 2, a Clostridiaceae lineage 7.
    expect(alpha[1]!.slice(0, 3)).toEqual(['lake-a', '16', '2']);
    expect(Number(alpha[1]![4])).toBeCloseTo(-((15 / 16) * Math.log(15 / 16) + (1 / 16) * Math.log(1 / 16)), 4);
    expect(alpha[2]!.slice(0, 3)).toEqual(['lake-b', '13', '3']);
    expect(alpha[2]![8]).toBe('3');
    // No taxon in common but Bacillus: Bray–Curtis 1 − min(15/16, 4/13).
    expect(Number((await table('bray_curtis.tsv'))[1]![2])).toBeCloseTo(1 - 4 / 13, 4);
    expect((await table('jaccard.tsv'))[2]).toEqual(['lake-b', '0.75', '0']);
    const reads = await engine.exportRun({ kind: 'diversity', run, out: join(dir, 'asv'), features: 'reads' });
    expect(reads.skipped).toBeUndefined();
    expect((await readFile(join(dir, 'asv', 'alpha_diversity.tsv'), 'utf8')).split('\n')[1]!.split('\t').slice(0, 3)).toEqual(['lake-a', '21', '4']);
  });
});

describe('sample metadata', () => {
  it('writes a template per sample and validates the filled file', async () => {
    const { run, dir } = await runFolder();
    const template = join(dir, 'samples.tsv');
    await engine.exportRun({ kind: 'metadata-template', run, out: template });
    const lines = (await readFile(template, 'utf8')).split('\n').slice(0, -1);
    expect(lines[0]).toBe('sample\teventDate\tdecimalLatitude\tdecimalLongitude\tlocality\ttarget_gene\ttarget_subfragment\tpcr_primer_forward\tpcr_primer_reverse\tpcr_primer_name_forward\tpcr_primer_name_reverse\tseq_meth\tenv_broad_scale\tenv_local_scale\tenv_medium');
    expect(lines.slice(1).map((line) => line.split('\t')[0])).toEqual(['lake-a', 'lake-b']);

    // darwin-core checks the metadata before it needs the store, so these errors come without one.
    const fill = async (a: string[], b: string[]) => {
      const path = join(dir, 'filled.tsv');
      const row = (sample: string, values: string[]) => [sample, ...values, ...Array(14 - values.length).fill('')].join('\t');
      await writeFile(path, `${lines[0]}\n${row('lake-a', a)}\n${row('lake-b', b)}\n`);
      return engine.exportRun({ kind: 'darwin-core', run, out: join(dir, 'dwc'), metadata: path });
    };
    await expect(fill(['2024-02-30'], [])).rejects.toThrow('filled.tsv line 2 (sample "lake-a"), column eventDate: "2024-02-30" is not an ISO 8601 date (YYYY-MM-DD, YYYY-MM-DDThh:mm:ssZ or start/end)');
    await expect(fill(['2024-06-01', '46.5', '6.6'], ['2024-06', '95', '6'])).rejects.toThrow('filled.tsv line 3 (sample "lake-b"), column decimalLatitude: "95" is not a decimal number from -90 to 90');
    await expect(fill([], ['', '1', '-181'])).rejects.toThrow('column decimalLongitude: "-181" is not a decimal number from -180 to 180');
    await expect(fill([], ['', '1'])).rejects.toThrow('filled.tsv line 3 (sample "lake-b"), column decimalLongitude: empty while the other coordinate is filled');
    // Valid metadata gets as far as the sequences, which this run (no store in run.json) cannot give.
    await expect(fill(['2024-06-01T08:30:00Z/2024-06-02', '46.5', '6.6'], ['2024'])).rejects.toThrow(/run\.json: no query store and dataset/);
    // A row with its trailing empty cells dropped by an editor is fine; a sample the run lacks is not.
    await writeFile(join(dir, 'typo.tsv'), `${lines[0]}\n${lines[1]}\nlake-c\n`);
    await expect(engine.exportRun({ kind: 'darwin-core', run, out: join(dir, 'dwc'), metadata: join(dir, 'typo.tsv') }))
      .rejects.toThrow('typo.tsv line 3 (sample "lake-c"): the run has no such sample (samples: lake-a, lake-b)');
  });
});

describe('export requests', () => {
  it('refuses bad requests and run folders with one line', async () => {
    const { run, dir } = await runFolder();
    await expect(engine.exportRun({ kind: 'fasta', run, out: dir })).rejects.toThrow('export: field "rank": give exactly one of rank (one file per taxon) or novel');
    await expect(engine.exportRun({ kind: 'pdf', run, out: dir } as never)).rejects.toThrow(/^export: field "kind"/);
    await expect(engine.exportRun({ kind: 'biom', run: dir, out: join(dir, 'x.biom') })).rejects.toThrow(`${dir} is not a classify run folder: it has no assignments.tsv`);
  });
});
