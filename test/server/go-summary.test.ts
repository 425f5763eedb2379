import fc from 'fast-check';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGoSummary } from '../../main/api/contract/go-summary-file.ts';
import { csvLine, parseCsvLine } from '../../main/export/csv.ts';

describe('reading an annotate summary back', () => {
  it('parses every line csvLine writes back into the same fields', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'Z', ',', '"', ' ', 'é', ';', '0') });
    fc.assert(fc.property(fc.array(field, { minLength: 1, maxLength: 8 }), (fields) => {
      expect(parseCsvLine(csvLine(fields).slice(0, -1))).toEqual(fields);
    }));
    expect(parseCsvLine('a,,"b, ""c""",')).toEqual(['a', '', 'b, "c"', '']);
    expect(() => parseCsvLine('a,"b')).toThrow(/unterminated quoted field at column 3/);
  });

  it('previews the first rows with the run\'s counts, and names the folder or line at fault', async () => {
    const run = await mkdtemp(join(tmpdir(), 'seqatlas-go-summary-'));
    await expect(readGoSummary(run, 10)).rejects.toThrow(`${run} is not an annotate run folder: it has no summary.csv`);
    const header = csvLine(['accession', 'model_name', 'layer_index', 'go_id', 'category', 'go_description', 'support_count', 'support', 'reliability_index_max', 'final_score']);
    const row = (acc: string, go: string, name: string, score: number) => csvLine([acc, 'protein-kmer', 0, go, 'MF', name, 2, 0.4, score, score]);
    await writeFile(join(run, 'summary.csv'), header + row('P1', 'GO:0003674', 'molecular_function', 0.9) + row('P1', 'GO:0016740', 'transferase activity, "acyl"', 0.5) + row('P2', 'GO:0005524', 'ATP binding', 0.3));
    await writeFile(join(run, 'run.json'), JSON.stringify({ kind: 'annotate', result: { reference: 'sprot', queries: 3, annotatedQueries: 2 } }));
    const table = await readGoSummary(run, 2);
    expect(table).toMatchObject({ reference: 'sprot', queries: 3, annotatedQueries: 2, totalRows: 3 });
    expect(table.rows).toEqual([
      { accession: 'P1', model: 'protein-kmer', layer: 0, goId: 'GO:0003674', category: 'MF', description: 'molecular_function', supportCount: 2, finalScore: 0.9 },
      { accession: 'P1', model: 'protein-kmer', layer: 0, goId: 'GO:0016740', category: 'MF', description: 'transferase activity, "acyl"', supportCount: 2, finalScore: 0.5 },
    ]);

    await writeFile(join(run, 'summary.csv'), header + 'P1,protein-kmer,0,GO:1,MF,"broken\n');
    await expect(readGoSummary(run, 10)).rejects.toThrow(/summary\.csv line 2: unterminated quoted field at column 27/);
    await writeFile(join(run, 'summary.csv'), 'accession,go_id\nP1,GO:1\n');
    await expect(readGoSummary(run, 10)).rejects.toThrow(/not an annotate summary \(no column model_name, layer_index, category, go_description, support_count, final_score\)/);
  });
});
