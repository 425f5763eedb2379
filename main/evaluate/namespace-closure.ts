import { GO_ROOTS, type GeneOntology, type GoNamespace } from '../ontology/index.ts';

/**
 * fmax.py's view of one namespace: a term counts only if it is a live (non-obsolete) primary id of that namespace —
 * GO.db lists neither obsolete nor secondary ids in go_term, so fmax.py ignores them and so must we — and its
 * closure follows only is_a/part_of edges that stay inside the namespace. The closure includes the term itself and
 * excludes the namespace root, so a root-only annotation propagates to nothing.
 */
export class NamespaceClosure {
  private readonly memo = new Map<string, ReadonlySet<string> | null>();
  private readonly root: string;

  constructor(
    private readonly ontology: GeneOntology,
    readonly namespace: GoNamespace,
  ) {
    this.root = GO_ROOTS[namespace];
  }

  /** The term and its in-namespace ancestors minus the root; null for a term fmax.py would not know. */
  of(id: string): ReadonlySet<string> | null {
    const known = this.memo.get(id);
    if (known !== undefined) return known;
    const out = this.inNamespace(id) ? this.walk(id) : null;
    this.memo.set(id, out);
    return out;
  }

  /** Union of closures over a set of terms (fmax.py's propagate_set). */
  propagateSet(terms: Iterable<string>): Set<string> {
    const out = new Set<string>();
    for (const t of terms) for (const a of this.of(t) ?? []) out.add(a);
    return out;
  }

  /** Each implied term takes the highest score among the terms implying it (fmax.py's propagate_scores). */
  propagateScores(scores: ReadonlyMap<string, number>): Map<string, number> {
    const out = new Map<string, number>();
    for (const [t, s] of scores) {
      for (const a of this.of(t) ?? []) if (s > (out.get(a) ?? -1)) out.set(a, s);
    }
    return out;
  }

  private inNamespace(id: string): boolean {
    const term = this.ontology.term(id);
    return term !== undefined && term.id === id && !term.obsolete && term.namespace === this.namespace;
  }

  private walk(start: string): ReadonlySet<string> {
    const seen = new Set<string>([start]);
    const stack = [start];
    for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
      for (const parent of this.ontology.term(id)?.parents ?? []) {
        if (seen.has(parent) || !this.inNamespace(parent)) continue;
        seen.add(parent);
        stack.push(parent);
      }
    }
    seen.delete(this.root);
    return seen;
  }
}
