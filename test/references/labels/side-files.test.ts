import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { LabelError, readGoAnnotations, readTaxonomyTable } from '../../../main/references/labels/index.ts';
import { fixture } from './fixture-records.ts';

const dir = mkdtempSync(join(tmpdir(), 'seqatlas-labels-'));
let files = 0;
function temp(content: string | Buffer, name = `t${(files += 1)}.tsv`): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function rejection(promise: Promise<unknown>): Promise<LabelError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof LabelError)) throw new Error(`expected a LabelError, got ${String(error)}`);
  return error;
}

describe('readTaxonomyTable', () => {
  it('reads a plain id<TAB>lineage table (gold truth)', async () => {
    const table = await readTaxonomyTable(fixture('gold-truth.tsv'));
    expect(table.size).toBe(3);
    expect(table.get('7000004128189783')!.lineage).toEqual({
      names: ['Bacteria', 'Proteobacteria', 'Gammaproteobacteria', 'Pasteurellales', 'Pasteurellaceae', 'Actinobacillus'],
      ranks: ['domain', 'phylum', 'class', 'order', 'family', 'genus'],
    });
  });

  it('reads QIIME taxonomy.tsv: header and Confidence skipped, s__ dropped, Unassigned unlabelled', async () => {
    const table = await readTaxonomyTable(fixture('qiime-taxonomy.tsv'));
    expect([...table.keys()]).toEqual(['7000004128189783', '7000004128189789']);
    expect(table.get('7000004128189789')!.lineage!.ranks).toEqual(['kingdom', 'phylum', 'class', 'order', 'family', 'genus']);
  });

  it('leaves ids whose prefixed lineage names nothing unlabelled', async () => {
    const table = await readTaxonomyTable(temp('a\tk__; p__; c__\nb\td__Bacteria;p__\n'));
    expect(Object.fromEntries(table)).toEqual({ b: { lineage: { names: ['Bacteria'], ranks: ['domain'] } } });
  });

  it('reads id<TAB>taxid with a # header, skipping blank lines', async () => {
    const table = await readTaxonomyTable(fixture('taxid-table.tsv'));
    expect(Object.fromEntries(table)).toEqual({ P15455: { taxid: 3702 }, P79748: { taxid: 31033 }, P17644: { taxid: 7227 } });
  });

  it('handles CRLF and gzip', async () => {
    const crlf = readFileSync(fixture('gold-truth.tsv'), 'utf8').replace(/\n/g, '\r\n');
    const fromCrlf = await readTaxonomyTable(temp(crlf));
    expect(fromCrlf.get('7000004128189823')!.lineage!.names.at(-1)).toBe('Actinomyces');
    const fromGzip = await readTaxonomyTable(temp(gzipSync(crlf), 'truth.tsv.gz'));
    expect(fromGzip).toEqual(fromCrlf);
  });

  it('names file and line for a line without a tab, a bad label and a conflicting duplicate', async () => {
    const noTab = await rejection(readTaxonomyTable(temp('a\tBacteria;Firmicutes\nb Bacteria;Firmicutes\n', 'notab.tsv')));
    expect([noTab.code, noTab.message]).toEqual(['malformed_line', 'notab.tsv:2: expected id<TAB>lineage or id<TAB>taxid, found no tab']);
    const bad = await rejection(readTaxonomyTable(temp('a\tBacteria;;Firmicutes\n', 'bad.tsv')));
    expect(bad.message).toMatch(/^bad\.tsv:1: /);
    const duplicate = await rejection(readTaxonomyTable(temp('a\t562\na\t562\na\t9606\n', 'dup.tsv')));
    expect([duplicate.code, duplicate.message]).toEqual(['duplicate_id', 'dup.tsv:3: id a already has a different label (taxid 562)']);
  });

  it('rejects an empty file and a missing one', async () => {
    expect((await rejection(readTaxonomyTable(temp('# only a comment\n\n')))).code).toBe('no_labels');
    const missing = await rejection(readTaxonomyTable(join(dir, 'absent.tsv')));
    expect([missing.code, missing.message]).toEqual(['unreadable_file', 'absent.tsv: cannot read (ENOENT)']);
  });
});

describe('readGoAnnotations', () => {
  it('reads GAF 2.2: DB Object ID, GO id, evidence; skips NOT rows; de-duplicates', async () => {
    const go = await readGoAnnotations(fixture('goa-sample.gaf'));
    expect(Object.fromEntries(go)).toEqual({
      P15455: [
        { goId: 'GO:0000326', evidence: 'IEA' },
        { goId: 'GO:0045735', evidence: 'IDA' },
      ],
      P68142: [{ goId: 'GO:0005524', evidence: 'IEA' }],
    });
  });

  it('recognises a GAF without its version line by its columns', async () => {
    const rows = readFileSync(fixture('goa-sample.gaf'), 'utf8').split('\n').filter((line) => !line.startsWith('!')).join('\n');
    expect((await readGoAnnotations(temp(rows)))).toEqual(await readGoAnnotations(fixture('goa-sample.gaf')));
  });

  it('reads the tab-separated wide table of mfo.annot.tsv, de-duplicating repeated terms', async () => {
    const go = await readGoAnnotations(fixture('mfo-annot.tsv'));
    expect(go.get('B0RED7')).toEqual([{ goId: 'GO:0046933', evidence: null }]);
    expect(go.get('C6DJ78')!.map((a) => a.goId)).toEqual(['GO:0000166', 'GO:0005524']);
    expect(go.get('Q58380')!.map((a) => a.goId)).toEqual(['GO:0016829', 'GO:0016852', 'GO:0046872', 'GO:0050897']);
  });

  it('reads go-bench ref.go.tsv (comma lists) and semicolon/space lists with a header', async () => {
    const bench = await readGoAnnotations(fixture('go-bench-ref.go.tsv'));
    expect(bench.get('P68142')!.map((a) => a.goId)).toEqual(['GO:0005524', 'GO:0005737']);
    const uniprot = await readGoAnnotations(temp('Entry\tGene Ontology IDs\nP1\tGO:0005524; GO:0016887\nP2\tGO:0005737 GO:0005856\n'));
    expect(uniprot.get('P1')!.map((a) => a.goId)).toEqual(['GO:0005524', 'GO:0016887']);
    expect(uniprot.get('P2')).toHaveLength(2);
  });

  it('reads a long table with evidence and a header line', async () => {
    const go = await readGoAnnotations(fixture('go-long.tsv'));
    expect(go.get('P15455')).toEqual([
      { goId: 'GO:0000326', evidence: 'IEA' },
      { goId: 'GO:0045735', evidence: 'IDA' },
    ]);
  });

  it('handles CRLF', async () => {
    const crlf = readFileSync(fixture('goa-sample.gaf'), 'utf8').replace(/\n/g, '\r\n');
    expect(await readGoAnnotations(temp(crlf))).toEqual(await readGoAnnotations(fixture('goa-sample.gaf')));
  });

  it('names file and line for a malformed GO id, a short GAF row and a line without a tab', async () => {
    const badId = await rejection(readGoAnnotations(temp('P1\tGO:0005524,GO:12345\n', 'bad-id.tsv')));
    expect([badId.code, badId.message]).toEqual(['malformed_line', 'bad-id.tsv:1: "GO:12345" is not a GO id (GO: and 7 digits)']);
    const shortGaf = await rejection(readGoAnnotations(temp('!gaf-version: 2.1\nUniProtKB\tP1\tX\t\tGO:0005524\n', 'short.gaf')));
    expect(shortGaf.message).toMatch(/^short\.gaf:2: GAF line has 5 /);
    const noTab = await rejection(readGoAnnotations(temp('P1\tGO:0005524\nP2 GO:0005524\n', 'notab.tsv')));
    expect(noTab.message).toMatch(/^notab\.tsv:2: /);
  });

  it('rejects a file without annotations', async () => {
    expect((await rejection(readGoAnnotations(temp('!gaf-version: 2.2\n')))).code).toBe('no_labels');
  });
});
