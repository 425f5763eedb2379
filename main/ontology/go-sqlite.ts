import Database from 'better-sqlite3';
import { OntologyError } from './ontology-error.ts';
import { GO_NAMESPACES, type GoNamespace, type GoTerm } from './go-term.ts';
import type { ParsedOntology } from './obo-parser.ts';

/** GO.db spells the two propagating relationships 'isa' and 'part of'; the underscored forms are accepted too. */
const PROPAGATING = new Set(['isa', 'is_a', 'part of', 'part_of']);

/**
 * Reads Bioconductor's GO.db SQLite: go_term (live terms; its 'universal' row "all" is not a GO term and is skipped),
 * go_obsolete, go_synonym (rows with like_go_id = 1 are secondary ids) and go_{bp,mf,cc}_parents.
 */
export function readGoSqlite(path: string): ParsedOntology {
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw OntologyError.unreadable(path, err);
  }
  try {
    const terms = new Map<string, GoTerm>();
    const byRowId = new Map<number, GoTerm>();
    const rows = query<{ _id: number; go_id: string; term: string; ontology: string }>(
      db, path, 'go_term', 'SELECT _id, go_id, term, ontology FROM go_term');
    for (const row of rows) {
      if (!isNamespace(row.ontology)) continue;
      const term: GoTerm = { id: row.go_id, name: row.term, namespace: row.ontology, obsolete: false, parents: [], replacedBy: [] };
      terms.set(term.id, term);
      byRowId.set(row._id, term);
    }
    for (const row of query<{ go_id: string; term: string; ontology: string }>(
      db, path, 'go_obsolete', 'SELECT go_id, term, ontology FROM go_obsolete')) {
      if (!isNamespace(row.ontology) || terms.has(row.go_id)) continue;
      terms.set(row.go_id, { id: row.go_id, name: row.term, namespace: row.ontology, obsolete: true, parents: [], replacedBy: [] });
    }
    for (const ns of GO_NAMESPACES) {
      const table = `go_${ns.toLowerCase()}_parents`;
      for (const row of query<{ _id: number; _parent_id: number; relationship_type: string }>(
        db, path, table, `SELECT _id, _parent_id, relationship_type FROM ${table}`)) {
        const child = byRowId.get(row._id);
        const parent = byRowId.get(row._parent_id);
        if (child && parent && PROPAGATING.has(row.relationship_type)) child.parents.push(parent.id);
      }
    }
    const altIds = new Map<string, string>();
    for (const row of query<{ _id: number; synonym: string; secondary: string | null }>(
      db, path, 'go_synonym', 'SELECT _id, synonym, secondary FROM go_synonym WHERE like_go_id = 1')) {
      const primary = byRowId.get(row._id);
      const alt = row.secondary ?? row.synonym;
      if (primary && alt !== primary.id) altIds.set(alt, primary.id);
    }
    const version = query<{ value: string }>(
      db, path, 'metadata', "SELECT value FROM metadata WHERE name = 'GOSOURCEDATE'")[0]?.value ?? null;
    return { terms, altIds, version };
  } finally {
    db.close();
  }
}

function isNamespace(value: string): value is GoNamespace {
  return (GO_NAMESPACES as readonly string[]).includes(value);
}

/** Runs one statement, naming the table when the schema is not GO.db's (missing table or column). */
function query<T>(db: Database.Database, path: string, table: string, sql: string): T[] {
  try {
    return db.prepare(sql).all() as T[];
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw OntologyError.malformed(path, `table ${table}`, `not a GO.db table (${why})`);
  }
}
