import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NcbiTaxonomy, OntologyError } from '../../main/ontology/index.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { FIXTURES } from './go-db-fixture.ts';

const tempDir = useTempDirs();

describe('NcbiTaxonomy', () => {
  it('gives lineages root-down with names and ranks', async () => {
    const tax = await NcbiTaxonomy.load(FIXTURES);
    expect(tax.size).toBe(15);
    expect(tax.lineage(1423)).toEqual([
      { taxid: 1, name: 'root', rank: 'no rank' },
      { taxid: 131567, name: 'cellular organisms', rank: 'no rank' },
      { taxid: 2, name: 'Bacteria', rank: 'superkingdom' },
      { taxid: 1239, name: 'Bacillota', rank: 'phylum' },
      { taxid: 91061, name: 'Bacilli', rank: 'class' },
      { taxid: 1386, name: 'Bacillus', rank: 'genus' },
      { taxid: 1423, name: 'Bacillus subtilis', rank: 'species' },
    ]);
    expect(tax.lineage(1)).toEqual([{ taxid: 1, name: 'root', rank: 'no rank' }]);
    expect(tax.lineage(42)).toEqual([]);
    expect(tax.name(9606)).toBe('Homo sapiens');
    expect(tax.name(42)).toBeUndefined();
  });

  it('tests descent inclusively', async () => {
    const tax = await NcbiTaxonomy.load({ nodes: join(FIXTURES, 'nodes.dmp'), names: join(FIXTURES, 'names.dmp') });
    expect(tax.isDescendant(9606, 33208)).toBe(true);
    expect(tax.isDescendant(9606, 9606)).toBe(true);
    expect(tax.isDescendant(9606, 2)).toBe(false);
    expect(tax.isDescendant(33208, 9606)).toBe(false);
    expect(tax.isDescendant(42, 1)).toBe(false);
  });

  it('resolves ids, scientific and unique names, but not common names', async () => {
    const tax = await NcbiTaxonomy.load(FIXTURES);
    expect(tax.resolve('9606')).toBe(9606);
    expect(tax.resolve(' 42 ')).toBeUndefined();
    expect(tax.resolve('homo sapiens')).toBe(9606);
    expect(tax.resolve('Bacillus <stick insect>')).toBe(55087);
    expect(tax.resolve('human')).toBeUndefined();
  });

  it('refuses an ambiguous name, naming the candidates', async () => {
    const tax = await NcbiTaxonomy.load(FIXTURES);
    const err = (() => { try { tax.resolve('Bacillus'); } catch (e) { return e; } })();
    expect(err).toBeInstanceOf(OntologyError);
    expect(err).toMatchObject({
      code: 'ambiguous',
      message: 'taxon name "Bacillus" is ambiguous: 1386 (Bacilli > Bacillus), 55087 (Insecta > Bacillus); give a taxid',
    });
  });

  it('reports a non-numeric taxid with file and line', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'nodes.dmp'), '1\t|\t1\t|\tno rank\t|\nx\t|\t1\t|\tgenus\t|\n');
    await writeFile(join(dir, 'names.dmp'), '');
    await expect(NcbiTaxonomy.load(dir)).rejects.toMatchObject({
      code: 'malformed', message: 'nodes.dmp, line 2: expected a numeric taxid, got "x"' });
  });
});
