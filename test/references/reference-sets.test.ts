import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../main/api/engine.ts';
import { writeFantasiaH5 } from '../../main/exchange/fantasia-h5.ts';
import { mulberry32 } from '../../native/onnx/seeded-random.ts';
import { Store } from '../../main/store/store.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const FIXTURES = resolve('test/fixtures/annotate');
const GOLD_SAMPLE = resolve('test/fixtures/io/gold16s.sample.fasta');
const tempDir = useTempDirs();
const engine = new Engine();

async function fixtureRecords(): Promise<{ id: string; header: string; sequence: string }[]> {
  return (await readFile(join(FIXTURES, 'reference.fasta'), 'utf8')).split(/^>/m).slice(1).map((block) => {
    const [header, ...lines] = block.split('\n');
    return { id: header!.split(' ')[0]!, header: header!, sequence: lines.join('') };
  });
}

/** `id<TAB>GO:a,GO:b` for the fixture proteins, from the fixture GAF. */
async function goTable(): Promise<Map<string, string[]>> {
  const table = new Map<string, string[]>();
  for (const line of (await readFile(join(FIXTURES, 'reference.gaf'), 'utf8')).split('\n')) {
    const f = line.split('\t');
    if (line.startsWith('!') || f.length < 5) continue;
    table.set(f[1]!, [...(table.get(f[1]!) ?? []), f[4]!]);
  }
  return table;
}

describe('reference build', () => {
  it('takes lineages from 16S headers, and refuses a second file under the same name', async () => {
    const store = join(await tempDir(), 'store');
    const built = await engine.buildReference({ input: GOLD_SAMPLE, name: 'gold', model: 'dna-kmer', store });
    expect(built.reference.labelSources).toMatchObject({ headerFormat: 'tab-lineage' });
    expect(built.reference.labelled.lineage).toBe(built.reference.records);
    const again = await engine.buildReference({ input: GOLD_SAMPLE, name: 'gold', model: 'dna-kmer', store });
    expect(again.alreadyEmbedded).toBe(true);
    const other = join(await tempDir(), 'other.fasta');
    await writeFile(other, (await readFile(GOLD_SAMPLE, 'utf8')).split(/(?=^>)/m).slice(0, 5).join(''));
    await expect(engine.buildReference({ input: other, name: 'gold', model: 'dna-kmer', store })).rejects.toThrow(/reference "gold" already exists, built from .*gold16s\.sample\.fasta/);
  });

  it('fails before embedding on labels it cannot use, leaving the store as it was', async () => {
    const dir = await tempDir();
    const store = join(dir, 'store');
    await engine.buildReference({ input: GOLD_SAMPLE, name: 'gold', model: 'dna-kmer', store });
    const before = await engine.storeInfo(store);

    const badGo = join(dir, 'bad.tsv');
    await writeFile(badGo, 'P15455\tGO:0045735\nP12345\tGO:12x\n');
    await expect(engine.buildReference({ input: join(FIXTURES, 'reference.fasta'), name: 'sprot', model: 'protein-kmer', store, goAnnotations: badGo, ontology: join(FIXTURES, 'go-subset.obo') }))
      .rejects.toThrow(/bad\.tsv:2: .*GO:12x/);
    await expect(engine.buildReference({ input: join(FIXTURES, 'reference.fasta'), name: 'sprot', model: 'protein-kmer', store, goAnnotations: join(FIXTURES, 'reference.gaf') }))
      .rejects.toThrow(/need the Gene Ontology/);
    const orphans = join(dir, 'orphans.tsv');
    await writeFile(orphans, 'X1\tGO:0045735\nX2\tGO:0045735\n');
    await expect(engine.buildReference({ input: join(FIXTURES, 'reference.fasta'), name: 'sprot', model: 'protein-kmer', store, goAnnotations: orphans, ontology: join(FIXTURES, 'go-subset.obo') }))
      .rejects.toThrow(/none of the 2 ids in the GO annotation file match a record id of reference\.fasta/);
    const unlabelled = join(dir, 'plain.fasta');
    await writeFile(unlabelled, '>a\nACGTACGTACGTACGT\n>b\nACGTTTGTACGTACGA\n');
    await expect(engine.buildReference({ input: unlabelled, name: 'plain', model: 'dna-kmer', store })).rejects.toThrow(/no labels found for .*plain\.fasta/);
    const badObo = join(dir, 'go.obo');
    await writeFile(badObo, 'this is not an ontology\n');
    await expect(engine.buildReference({ input: join(FIXTURES, 'reference.fasta'), name: 'sprot', model: 'protein-kmer', store, goAnnotations: join(FIXTURES, 'reference.gaf'), ontology: badObo }))
      .rejects.toMatchObject({ code: 'invalid_ontology' });

    expect(await engine.storeInfo(store)).toEqual(before);
    expect((await engine.listReferences(store)).map((r) => r.name)).toEqual(['gold']);
  });

  it('records nothing when the build is cancelled, and the same command then completes it', async () => {
    const store = join(await tempDir(), 'store');
    // Cancelled before its first batch (a stop always lets the batch in flight commit, so a tiny file would finish).
    const controller = new AbortController();
    controller.abort();
    const cancelled = engine.buildReference({ input: GOLD_SAMPLE, name: 'gold', model: 'dna-kmer', store }, { control: { signal: controller.signal, waitIfPaused: async () => undefined } });
    await expect(cancelled).rejects.toMatchObject({ code: 'cancelled' });
    expect(await engine.listReferences(store)).toEqual([]);
    const resumed = await engine.buildReference({ input: GOLD_SAMPLE, name: 'gold', model: 'dna-kmer', store });
    expect(resumed.reference.embeddings[0]!.count).toBe(resumed.reference.records);
    expect(resumed.reference.labelled.lineage).toBe(resumed.reference.records);
  });

  it('keeps several models in one set, and deletes the set with its labels and vectors', async () => {
    const store = join(await tempDir(), 'store');
    await engine.buildReference({ input: GOLD_SAMPLE, name: 'gold', model: 'dna-kmer', store });
    const models = await tempDir();
    const { writeKmerTestBundle } = await import('../helpers/test-bundles.ts');
    await writeKmerTestBundle(models, { id: 'dna-test', dim: 16 });
    const withTwo = new Engine({ modelDirs: [models] });
    const both = await withTwo.buildReference({ input: GOLD_SAMPLE, name: 'gold', model: 'dna-test', store });
    expect(both.reference.embeddings.map((e) => `${e.model}:${e.dim}`).sort()).toEqual(['dna-kmer:512', 'dna-test:16']);

    // A fit classify kept for this set goes with it.
    const fits = join(store, 'cache', 'taxonomy-fit', 'gold');
    await mkdir(fits, { recursive: true });
    await writeFile(join(fits, 'kept.json'), '{}');
    const deleted = await engine.deleteReference(store, 'gold');
    expect(deleted).toEqual({ name: 'gold', deletedRows: true });
    await expect(stat(fits)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await engine.listReferences(store)).toEqual([]);
    const opened = await Store.open(store, { readonly: true });
    try {
      expect(await opened.lance.count('sequences')).toBe(0);
      expect(opened.catalog.listEmbeddings()).toEqual([]);
      expect(opened.catalog.db.prepare('SELECT count(*) AS n FROM reference_taxonomy').get()).toEqual({ n: 0 });
    } finally {
      await opened.close();
    }
    await expect(engine.deleteReference(store, 'gold')).rejects.toThrow(/has no reference "gold"/);
  });
});

describe('lookup over a reference set', () => {
  it('uses a LanceDB IVF-PQ index above approximate.min_references and reports its recall', async () => {
    const dir = await tempDir();
    const random = mulberry32(5);
    const amino = 'ACDEFGHIKLMNPQRSTVWY';
    const records = await fixtureRecords();
    const go = await goTable();
    const fasta: string[] = [];
    const table: string[] = [];
    for (let copy = 0; copy < 3; copy += 1) {
      for (const record of records) {
        const sequence = [...record.sequence].map((c) => (random() < 0.1 ? amino[Math.floor(random() * 20)] : c)).join('');
        fasta.push(`>${record.id}_${copy}\n${sequence}\n`);
        table.push(`${record.id}_${copy}\t${(go.get(record.id) ?? []).join(',')}\n`);
      }
    }
    await writeFile(join(dir, 'big.fasta'), fasta.join(''));
    await writeFile(join(dir, 'big.go.tsv'), table.join(''));
    const store = join(dir, 'store');
    await engine.buildReference({ input: join(dir, 'big.fasta'), name: 'big', model: 'protein-kmer', store, goAnnotations: join(dir, 'big.go.tsv'), ontology: join(FIXTURES, 'go-subset.obo') });

    const out = join(dir, 'out');
    const result = await engine.annotate({
      input: join(FIXTURES, 'queries.fasta'), reference: 'big', store, out,
      overrides: { approximate: { min_references: 200, nprobes: 64, refine_factor: 20, recall_sample: 6 } },
    });
    expect(result.layers[0]).toMatchObject({ search: 'approximate', references: 300 });
    expect(result.layers[0]!.recall).toBeGreaterThanOrEqual(0.8);
    expect(result.warnings.some((w) => /IVF-PQ index \(recall/.test(w))).toBe(true);
    const raw = await readFile(join(out, 'raw_results', 'protein-kmer', 'layer_0', 'q_self_P68142.csv'), 'utf8');
    expect(raw).toMatch(/P68142_\d/);
    expect((await stat(join(out, 'summary.csv'))).size).toBeGreaterThan(0);
  });

  it('refuses query embeddings of another width than the reference\'s', async () => {
    const dir = await tempDir();
    const store = join(dir, 'store');
    await engine.buildReference({ input: join(FIXTURES, 'reference.fasta'), name: 'sprot', model: 'protein-kmer', store, goAnnotations: join(FIXTURES, 'reference.gaf'), ontology: join(FIXTURES, 'go-subset.obo') });
    const h5 = join(dir, 'narrow.h5');
    await writeFantasiaH5(h5, [{ accession: 'q1', sequence: 'MKVLA', model: 'protein-kmer', layer: 0, vector: new Float32Array(16).fill(0.25) }]);
    await expect(engine.annotate({ fromH5: h5, reference: 'sprot', store, out: join(dir, 'out') })).rejects.toThrow(/16-dim protein-kmer layer 0 embeddings, the reference has 2048/);
    const other = join(dir, 'other.h5');
    await writeFantasiaH5(other, [{ accession: 'q1', sequence: 'MKVLA', model: 'esm2', layer: 0, vector: new Float32Array(16).fill(0.25) }]);
    await expect(engine.annotate({ fromH5: other, reference: 'sprot', store, out: join(dir, 'out') })).rejects.toThrow(/has no embeddings of the reference's models and layers \(protein-kmer layer 0\); it has none|it has/);
  });
});
