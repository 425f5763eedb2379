import type Database from 'better-sqlite3';

/**
 * Catalog schema, one migration per entry, applied in order and recorded in `PRAGMA user_version`.
 * Never edit a shipped migration: stores on users' drives were created by it. Add a new one instead.
 */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE datasets (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    source_path TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    format TEXT NOT NULL,
    alphabet TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('importing', 'ready')),
    import_job TEXT,
    records_read INTEGER NOT NULL DEFAULT 0,
    accepted INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE import_issues (
    dataset_id TEXT NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    record INTEGER NOT NULL,
    line INTEGER NOT NULL,
    seq_id TEXT,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (dataset_id, record)
  );
  CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    dataset_id TEXT NOT NULL,
    model TEXT NOT NULL,
    layers TEXT NOT NULL,
    config TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('running', 'interrupted', 'done', 'failed', 'cancelled')),
    last_batch INTEGER NOT NULL DEFAULT -1,
    records_done INTEGER NOT NULL DEFAULT 0,
    provider TEXT,
    error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE embeddings (
    dataset_id TEXT NOT NULL,
    model TEXT NOT NULL,
    model_version TEXT NOT NULL,
    layer INTEGER NOT NULL,
    table_name TEXT NOT NULL,
    dim INTEGER NOT NULL,
    count INTEGER NOT NULL,
    job_id TEXT NOT NULL,
    PRIMARY KEY (dataset_id, model, layer)
  );
  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    job_id TEXT,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    config TEXT NOT NULL,
    record TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT
  );
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `,
  // 2: reference sets. Labels live in SQLite beside the datasets rather than in Lance: they are small, looked up by
  // id, joined with GO term names, and must be written in the same transaction as the reference set's row.
  `
  CREATE TABLE reference_sets (
    name TEXT PRIMARY KEY,
    dataset_id TEXT NOT NULL,
    source_path TEXT NOT NULL,
    label_sources TEXT NOT NULL,
    records INTEGER NOT NULL,
    with_lineage INTEGER NOT NULL,
    with_taxid INTEGER NOT NULL,
    with_go INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE reference_taxonomy (
    reference TEXT NOT NULL REFERENCES reference_sets(name) ON DELETE CASCADE,
    seq_id TEXT NOT NULL,
    lineage TEXT,
    ranks TEXT,
    taxid INTEGER,
    PRIMARY KEY (reference, seq_id)
  );
  CREATE TABLE reference_go (
    reference TEXT NOT NULL REFERENCES reference_sets(name) ON DELETE CASCADE,
    seq_id TEXT NOT NULL,
    go_id TEXT NOT NULL,
    evidence TEXT,
    PRIMARY KEY (reference, seq_id, go_id)
  );
  CREATE TABLE go_terms (
    go_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    namespace TEXT NOT NULL CHECK (namespace IN ('BP', 'MF', 'CC'))
  );
  `,
  // How a dataset's file was read, as JSON ({ removeGaps, region }); NULL for a plain reading (and every older dataset).
  `
  ALTER TABLE datasets ADD COLUMN reading TEXT;
  `,
];

export const CATALOG_SCHEMA_VERSION = MIGRATIONS.length;

export function migrateCatalog(db: Database.Database): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > MIGRATIONS.length) {
    throw new Error(`catalog schema ${from} is newer than this SeqAtlas understands (${MIGRATIONS.length})`);
  }
  const apply = db.transaction(() => {
    for (let version = from; version < MIGRATIONS.length; version += 1) db.exec(MIGRATIONS[version] as string);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  });
  apply();
  return { from, to: MIGRATIONS.length };
}
