import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countsOfReads, parseCountTable, readCountTable } from '../../main/classify/count-table.ts';
import { EngineError } from '../../main/shared/engine-error.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const READS = ['asv1', 'asv2', 'asv3'];
const asObject = (text: string, file = 't.tsv') => Object.fromEntries(countsOfReads(parseCountTable(text, file), READS).byRead);

describe('count tables', () => {
  it('reads the layouts vsearch, BIOM, QIIME 2 and DADA2 write, with features in rows or columns', () => {
    const expected = { asv1: [{ sample: 'S1', count: 3 }], asv2: [{ sample: 'S1', count: 1 }, { sample: 'S2', count: 5 }] };
    // vsearch --otutabout
    expect(asObject('#OTU ID\tS1\tS2\nasv1\t3\t0\nasv2\t1\t5\n')).toEqual(expected);
    // biom convert --to-tsv (QIIME 2's feature-table.tsv): a comment line, float counts, a taxonomy column; Windows line ends.
    expect(asObject('# Constructed from biom file\r\n#OTU ID\tS1\tS2\ttaxonomy\r\nasv1\t3.0\t0.0\tk__Bacteria\r\nasv2\t1.0\t5.0\tk__Bacteria\r\n')).toEqual(expected);
    // R write.table(t(seqtab), sep = '\t', quote = FALSE): the header has no cell above the row names.
    expect(asObject('S1\tS2\nasv1\t3\t0\nasv2\t1\t5\n')).toEqual(expected);
    // R write.csv(seqtab): samples in rows, every name quoted.
    const byColumns = parseCountTable('"","asv1","asv2"\n"S1",3,1\n"S2",0,5\n', 'seqtab.csv');
    expect(countsOfReads(byColumns, READS)).toMatchObject({ readsIn: 'columns', samples: ['S1', 'S2'] });
    expect(Object.fromEntries(countsOfReads(byColumns, READS).byRead)).toEqual(expected);
  });

  it('gives the same counts however a table is laid out (features in rows as TSV, or in columns as CSV)', () => {
    const table = fc.integer({ min: 1, max: 5 }).chain((samples) =>
      fc.array(fc.array(fc.nat({ max: 1000 }), { minLength: samples, maxLength: samples }), { minLength: 1, maxLength: 6 }));
    fc.assert(fc.property(table, (rows) => {
      const ids = rows.map((_, f) => `asv${f}`);
      const samples = rows[0]!.map((_, s) => `site ${s}`);
      const tsv = [`#OTU ID\t${samples.join('\t')}`, ...rows.map((row, f) => `${ids[f]}\t${row.join('\t')}`)].join('\n');
      const csv = [`"",${ids.map((id) => `"${id}"`).join(',')}`, ...samples.map((sample, s) => `"${sample}",${rows.map((row) => row[s]).join(',')}`)].join('\n');
      const counts = (text: string) => Object.fromEntries(countsOfReads(parseCountTable(text, 'x'), ids).byRead);
      // A table counting nothing is refused, however laid out (fast-check draws zeros often).
      if (rows.flat().every((count) => count === 0)) {
        for (const text of [tsv, csv]) expect(() => counts(text)).toThrow(/^count table x: every count of the run's reads is 0/);
        return;
      }
      expect(counts(csv)).toEqual(counts(tsv));
      const total = Object.values(counts(tsv)).flat().reduce((sum, { count }) => sum + count, 0);
      expect(total).toBe(rows.flat().reduce((sum, count) => sum + count, 0));
    }), { numRuns: 200 });
  });

  it('lists features that are no read, and leaves out reads counted nowhere', () => {
    const counts = countsOfReads(parseCountTable('#OTU ID\tS1\nasv1\t2\nasv3\t0\nzOTU9\t4\n', 't.tsv'), READS);
    expect([...counts.byRead.keys()]).toEqual(['asv1']);
    expect(counts.unmatched).toEqual(['zOTU9']);
  });

  it('reads any text as a table of counts ≥ 0 or refuses it in one line naming the file (fast-check)', () => {
    const cell = fc.oneof(fc.constantFrom('', '0', '3', '2.5', '-1', 'x', '"q"', '#OTU ID', 'taxonomy', '1e3', 'NaN'), fc.string({ maxLength: 6 }));
    const text = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.tuple(fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 6 }), fc.constantFrom('\t', ','), fc.constantFrom('\n', '\r\n'))
        .map(([rows, separator, newline]) => rows.map((row) => row.join(separator)).join(newline)),
    );
    fc.assert(fc.property(text, (input) => {
      try {
        const table = parseCountTable(input, 'fuzz.tsv');
        expect(table.values).toHaveLength(table.rowIds.length * table.columnIds.length);
        expect([...table.values].every((value) => Number.isFinite(value) && value >= 0)).toBe(true);
      } catch (error) {
        expect(error).toBeInstanceOf(EngineError);
        expect((error as Error).message).toMatch(/^fuzz\.tsv\b/);
        expect((error as Error).message).not.toContain('\n');
      }
    }), { numRuns: 1000 });
  });

  it('names the file, line and column of what it cannot read', async () => {
    expect(() => parseCountTable('#OTU ID\tS1\tS2\nasv1\t3\tmany\n', 't.tsv')).toThrow('t.tsv line 2, column "S2": "many" is not a count (a number ≥ 0)');
    expect(() => parseCountTable('#OTU ID\tS1\nasv1\t-2\n', 't.tsv')).toThrow('t.tsv line 2, column "S1": "-2" is not a count');
    expect(() => parseCountTable('# Constructed from biom file\n#OTU ID\tS1\tS2\nasv1\t3\t0\nasv2\t1\n', 't.tsv')).toThrow('t.tsv line 4: 2 fields, the header has 3');
    expect(() => parseCountTable('#OTU ID\tS1\nasv1\t3\nasv1\t4\n', 't.tsv')).toThrow('t.tsv line 3: row id "asv1" appears twice');
    expect(() => parseCountTable('#OTU ID\tS1\tS1\nasv1\t3\t4\n', 't.tsv')).toThrow('t.tsv line 1: column name "S1" appears twice');
    expect(() => parseCountTable('#OTU ID\tS1\n', 't.tsv')).toThrow('t.tsv: a header and no rows');
    expect(() => parseCountTable('# only a comment\n', 't.tsv')).toThrow('t.tsv: no header line');
    expect(() => parseCountTable('just words\nmore words\n', 't.tsv')).toThrow('t.tsv line 1: no tab or comma in the header line: not a count table');
    expect(() => countsOfReads(parseCountTable('#OTU ID\tS1\nOtu1\t3\n', 'otus.tsv'), READS)).toThrow('count table otus.tsv: none of its 1 row ids (first: "Otu1") nor its 1 column names (first: "S1") is the id of a read (first read: "asv1")');
    expect(() => countsOfReads(parseCountTable('#OTU ID\tS1\tS2\nasv1\t0\t0\n', 'zeros.tsv'), READS)).toThrow("count table zeros.tsv: every count of the run's reads is 0");
    const missing = join(await tempDir(), 'nowhere.tsv');
    await expect(readCountTable(missing)).rejects.toThrow(`count table ${missing} cannot be read (no such file)`);
    const saved = join(await tempDir(), 'table.tsv');
    await writeFile(saved, '#OTU ID\tS1\nasv1\t3\n');
    expect((await readCountTable(saved)).file).toBe('table.tsv');
  });
});
