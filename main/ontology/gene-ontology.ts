import { GO_ROOTS, type GoNamespace, type GoTerm } from './go-term.ts';
import { readGoSqlite } from './go-sqlite.ts';
import { parseObo, type ParsedOntology } from './obo-parser.ts';
import { sniffOntologyFile } from './file-kind.ts';

/** The Gene Ontology's terms and is_a/part_of graph, from go-basic.obo / go.obo or Bioconductor's GO.db SQLite. */
export class GeneOntology {
  readonly version: string | null;
  private readonly terms: ReadonlyMap<string, GoTerm>;
  private readonly altIds: ReadonlyMap<string, string>;
  private readonly ancestorMemo = new Map<string, ReadonlySet<string>>();

  private constructor(parsed: ParsedOntology) {
    this.terms = parsed.terms;
    this.altIds = parsed.altIds;
    this.version = parsed.version;
  }

  static async fromObo(path: string): Promise<GeneOntology> {
    return new GeneOntology(await parseObo(path));
  }

  static fromSqlite(path: string): GeneOntology {
    return new GeneOntology(readGoSqlite(path));
  }

  /** Picks the reader by the file's content (SQLite magic header or OBO format-version), never by its name. */
  static async load(path: string): Promise<GeneOntology> {
    return (await sniffOntologyFile(path)) === 'sqlite' ? GeneOntology.fromSqlite(path) : GeneOntology.fromObo(path);
  }

  get roots(): Readonly<Record<GoNamespace, string>> {
    return GO_ROOTS;
  }

  /** Number of primary terms, obsolete ones included. */
  get size(): number {
    return this.terms.size;
  }

  /** The term for a primary or secondary (alt_id) id. */
  term(id: string): GoTerm | undefined {
    return this.terms.get(id) ?? this.terms.get(this.altIds.get(id) ?? '');
  }

  /** Every term reachable upward over is_a/part_of, excluding the term itself; empty for unknown ids. */
  ancestors(id: string): Set<string> {
    const term = this.term(id);
    return term ? new Set(this.closure(term.id)) : new Set();
  }

  /** The ids (secondary ids mapped to primary) plus all their ancestors; unknown ids are dropped. */
  propagate(ids: Iterable<string>): Set<string> {
    const out = new Set<string>();
    for (const id of ids) {
      const term = this.term(id);
      if (!term) continue;
      out.add(term.id);
      for (const a of this.closure(term.id)) out.add(a);
    }
    return out;
  }

  /**
   * Memoised ancestor set of a primary id. GO is a DAG, but a cycle in a hand-edited file must not hang the
   * process: a node met again on the current path is simply not followed.
   */
  private closure(id: string, onPath = new Set<string>()): ReadonlySet<string> {
    const known = this.ancestorMemo.get(id);
    if (known) return known;
    onPath.add(id);
    const out = new Set<string>();
    for (const parent of this.terms.get(id)?.parents ?? []) {
      if (onPath.has(parent) || !this.terms.has(parent)) continue;
      out.add(parent);
      for (const a of this.closure(parent, onPath)) out.add(a);
    }
    onPath.delete(id);
    out.delete(id);
    this.ancestorMemo.set(id, out);
    return out;
  }
}
