import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GeneOntology, OntologyError } from '../../main/ontology/index.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { OBO_FIXTURE, writeGoDbFixture } from './go-db-fixture.ts';

const tempDir = useTempDirs();

describe('GeneOntology.fromObo', () => {
  it('reads terms, namespaces, version and only is_a/part_of parents', async () => {
    const go = await GeneOntology.fromObo(OBO_FIXTURE);
    expect(go.size).toBe(18);
    expect(go.version).toBe('releases/2022-07-01');
    expect(go.term('GO:0022626')).toEqual({
      id: 'GO:0022626', name: 'cytosolic ribosome', namespace: 'CC', obsolete: false,
      parents: ['GO:0005840', 'GO:0005829'], replacedBy: [],
    });
    // regulates, has_part and occurs_in do not make parents.
    expect(go.term('GO:0006417')?.parents).toEqual(['GO:0009987']);
    expect(go.term('GO:0005840')?.parents).toEqual(['GO:0110165']);
    expect(go.term('GO:0006412')?.parents).toEqual(['GO:0044237']);
    expect(go.term('GO:0000005')).toMatchObject({ obsolete: true, namespace: 'MF', replacedBy: ['GO:0003723'] });
    expect(go.term('part_of')).toBeUndefined();
  });

  it('resolves alt ids and computes ancestors excluding the term itself', async () => {
    const go = await GeneOntology.fromObo(OBO_FIXTURE);
    expect(go.term('GO:0044236')?.id).toBe('GO:0008152');
    expect(go.ancestors('GO:0022626')).toEqual(
      new Set(['GO:0005840', 'GO:0005829', 'GO:0005622', 'GO:0110165', 'GO:0005575']));
    expect(go.ancestors('GO:0006417')).toEqual(new Set(['GO:0009987', 'GO:0008150']));
    expect(go.ancestors('GO:0008150')).toEqual(new Set());
    expect(go.ancestors('GO:9999999')).toEqual(new Set());
    expect(go.roots).toEqual({ BP: 'GO:0008150', MF: 'GO:0003674', CC: 'GO:0005575' });
  });

  it('propagates ids with alt ids resolved and unknown ids dropped', async () => {
    const go = await GeneOntology.fromObo(OBO_FIXTURE);
    expect(go.propagate(['GO:0044236', 'GO:0003723', 'GO:1234567'])).toEqual(
      new Set(['GO:0008152', 'GO:0008150', 'GO:0003723', 'GO:0005488', 'GO:0003674']));
  });

  it('rejects a stanza without a namespace, naming file and line', async () => {
    const path = join(await tempDir(), 'bad.obo');
    await writeFile(path, 'format-version: 1.2\n\n[Term]\nid: GO:0000001\nname: x\n');
    const err = await GeneOntology.fromObo(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OntologyError);
    expect(err).toMatchObject({ code: 'malformed', message: 'bad.obo, line 3: GO:0000001 has unknown namespace ""' });
  });

  it('reports a missing file as unreadable', async () => {
    const err = await GeneOntology.fromObo(join(await tempDir(), 'none.obo')).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'unreadable' });
    expect((err as Error).message).toMatch(/^none\.obo: cannot read/);
  });
});

describe('GeneOntology.fromSqlite', () => {
  it('reads a GO.db SQLite into the same graph as the OBO file', async () => {
    const fromDb = GeneOntology.fromSqlite(writeGoDbFixture(join(await tempDir(), 'GO.sqlite')));
    const fromObo = await GeneOntology.fromObo(OBO_FIXTURE);
    expect(fromDb.size).toBe(fromObo.size);
    expect(fromDb.version).toBe('2022-07-01');
    for (const id of ['GO:0022626', 'GO:0006417', 'GO:0044237', 'GO:0003723', 'GO:0005829']) {
      expect(fromDb.term(id)).toEqual(fromObo.term(id));
      expect(fromDb.ancestors(id)).toEqual(fromObo.ancestors(id));
    }
    expect(fromDb.term('all')).toBeUndefined();
    expect(fromDb.term('GO:0044236')?.id).toBe('GO:0008152');
    expect(fromDb.term('GO:0000005')).toMatchObject({ obsolete: true, parents: [] });
  });

  it('names the table when the schema is not GO.db', async () => {
    const dir = await tempDir();
    const path = join(dir, 'other.sqlite');
    const Database = (await import('better-sqlite3')).default;
    new Database(path).exec('CREATE TABLE t (x)').close();
    expect(() => GeneOntology.fromSqlite(path)).toThrow(/^other\.sqlite, table go_term: not a GO\.db table/);
  });
});

describe('GeneOntology.load', () => {
  it('picks the reader by content, not by file name', async () => {
    const dir = await tempDir();
    const db = await GeneOntology.load(writeGoDbFixture(join(dir, 'go.obo')));
    expect(db.version).toBe('2022-07-01');
    const obo = await GeneOntology.load(OBO_FIXTURE);
    expect(obo.version).toBe('releases/2022-07-01');
  });

  it('rejects anything else as unknown_format', async () => {
    const path = join(await tempDir(), 'notes.txt');
    await writeFile(path, 'hello\n');
    await expect(GeneOntology.load(path)).rejects.toMatchObject({ code: 'unknown_format' });
  });
});
