import type Database from 'better-sqlite3';

export interface ReferenceSetRow {
  name: string;
  dataset_id: string;
  source_path: string;
  /** JSON: where the labels came from (header format, side files, ontology). */
  label_sources: string;
  records: number;
  with_lineage: number;
  with_taxid: number;
  with_go: number;
  created_at: string;
  updated_at: string;
}

export interface TaxonomyLabelRow {
  seq_id: string;
  /** Names root first, joined by '; '. */
  lineage: string | null;
  /** Ranks matching `lineage`, joined by ';' (empty string for an unknown rank). */
  ranks: string | null;
  taxid: number | null;
}

export interface GoLabelRow {
  seq_id: string;
  go_id: string;
  evidence: string | null;
}

export interface GoTermRow {
  go_id: string;
  name: string;
  namespace: 'BP' | 'MF' | 'CC';
}

export interface ReferenceLabels {
  taxonomy: readonly TaxonomyLabelRow[];
  go: readonly GoLabelRow[];
  terms: readonly GoTermRow[];
}

const now = (): string => new Date().toISOString();

/**
 * The catalog's reference-set tables. A reference set names an embedded dataset and carries its labels; the
 * labels of a set are always replaced as a whole in one transaction, so a failed rebuild leaves the old labels.
 */
export class ReferenceCatalog {
  constructor(private readonly db: Database.Database) {}

  /** False for a catalog of an older schema opened read-only (not migrated): it simply has no reference sets. */
  private get present(): boolean {
    return this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'reference_sets'").get() !== undefined;
  }

  get(name: string): ReferenceSetRow | undefined {
    if (!this.present) return undefined;
    return this.db.prepare('SELECT * FROM reference_sets WHERE name = ?').get(name) as ReferenceSetRow | undefined;
  }

  list(): ReferenceSetRow[] {
    if (!this.present) return [];
    return this.db.prepare('SELECT * FROM reference_sets ORDER BY name').all() as ReferenceSetRow[];
  }

  /** Creates or replaces a reference set with its labels, atomically. */
  save(row: Omit<ReferenceSetRow, 'created_at' | 'updated_at'>, labels: ReferenceLabels): void {
    const t = now();
    const insertTaxonomy = this.db.prepare('INSERT INTO reference_taxonomy (reference, seq_id, lineage, ranks, taxid) VALUES (?, ?, ?, ?, ?)');
    const insertGo = this.db.prepare('INSERT OR IGNORE INTO reference_go (reference, seq_id, go_id, evidence) VALUES (?, ?, ?, ?)');
    const upsertTerm = this.db.prepare('INSERT INTO go_terms (go_id, name, namespace) VALUES (?, ?, ?) ON CONFLICT(go_id) DO UPDATE SET name = excluded.name, namespace = excluded.namespace');
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO reference_sets (name, dataset_id, source_path, label_sources, records, with_lineage, with_taxid, with_go, created_at, updated_at)
           VALUES (@name, @dataset_id, @source_path, @label_sources, @records, @with_lineage, @with_taxid, @with_go, @t, @t)
           ON CONFLICT(name) DO UPDATE SET dataset_id = @dataset_id, source_path = @source_path, label_sources = @label_sources, records = @records,
             with_lineage = @with_lineage, with_taxid = @with_taxid, with_go = @with_go, updated_at = @t`,
        )
        .run({ ...row, t });
      this.db.prepare('DELETE FROM reference_taxonomy WHERE reference = ?').run(row.name);
      this.db.prepare('DELETE FROM reference_go WHERE reference = ?').run(row.name);
      for (const label of labels.taxonomy) insertTaxonomy.run(row.name, label.seq_id, label.lineage, label.ranks, label.taxid);
      for (const label of labels.go) insertGo.run(row.name, label.seq_id, label.go_id, label.evidence);
      for (const term of labels.terms) upsertTerm.run(term.go_id, term.name, term.namespace);
    })();
  }

  delete(name: string): void {
    this.db.prepare('DELETE FROM reference_sets WHERE name = ?').run(name);
  }

  taxonomy(name: string): TaxonomyLabelRow[] {
    return this.db.prepare('SELECT seq_id, lineage, ranks, taxid FROM reference_taxonomy WHERE reference = ?').all(name) as TaxonomyLabelRow[];
  }

  go(name: string): GoLabelRow[] {
    return this.db.prepare('SELECT seq_id, go_id, evidence FROM reference_go WHERE reference = ? ORDER BY seq_id, go_id').all(name) as GoLabelRow[];
  }

  goTerms(ids: Iterable<string>): Map<string, GoTermRow> {
    const get = this.db.prepare('SELECT * FROM go_terms WHERE go_id = ?');
    const out = new Map<string, GoTermRow>();
    for (const id of ids) {
      const row = get.get(id) as GoTermRow | undefined;
      if (row) out.set(id, row);
    }
    return out;
  }

  /** Other reference sets built on the same dataset (a dataset's rows are only deleted with its last set). */
  sharing(datasetId: string, except: string): string[] {
    return (this.db.prepare('SELECT name FROM reference_sets WHERE dataset_id = ? AND name != ?').all(datasetId, except) as { name: string }[]).map((r) => r.name);
  }
}
