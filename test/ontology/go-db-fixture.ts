import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../fixtures/ontology/', import.meta.url));
export const OBO_FIXTURE = join(FIXTURES, 'go-basic.obo');

/** Builds the GO.db-shaped SQLite fixture (go-db.sql) at `path`. */
export function writeGoDbFixture(path: string): string {
  const db = new Database(path);
  try {
    db.exec(readFileSync(join(FIXTURES, 'go-db.sql'), 'utf8'));
  } finally {
    db.close();
  }
  return path;
}
