import { OntologyError } from './ontology-error.ts';
import { OBO_NAMESPACES, type GoTerm } from './go-term.ts';
import { textLines } from './text-lines.ts';

export interface ParsedOntology {
  terms: Map<string, GoTerm>;
  /** Secondary (alt_id) → primary id. */
  altIds: Map<string, string>;
  version: string | null;
}

interface Draft {
  startLine: number;
  id?: string;
  name?: string;
  namespace?: string;
  obsolete: boolean;
  parents: string[];
  replacedBy: string[];
  altIds: string[];
}

/**
 * Streams go-basic.obo / go.obo. Only [Term] stanzas are read ([Typedef] and [Instance] are skipped); parents come
 * from is_a and `relationship: part_of`, since only those propagate annotations upward.
 */
export async function parseObo(path: string): Promise<ParsedOntology> {
  const terms = new Map<string, GoTerm>();
  const altIds = new Map<string, string>();
  let version: string | null = null;
  let inHeader = true;
  let sawFormat = false;
  let draft: Draft | null = null;

  const finish = (): void => {
    if (!draft) return;
    const { id, name, namespace, startLine } = draft;
    if (!id) throw OntologyError.malformed(path, `line ${startLine}`, '[Term] stanza without an id');
    if (name === undefined) throw OntologyError.malformed(path, `line ${startLine}`, `${id} has no name`);
    const ns = namespace === undefined ? undefined : OBO_NAMESPACES[namespace];
    if (!ns) throw OntologyError.malformed(path, `line ${startLine}`, `${id} has unknown namespace "${namespace ?? ''}"`);
    if (terms.has(id)) throw OntologyError.malformed(path, `line ${startLine}`, `${id} is defined twice`);
    terms.set(id, { id, name, namespace: ns, obsolete: draft.obsolete, parents: draft.parents, replacedBy: draft.replacedBy });
    for (const alt of draft.altIds) altIds.set(alt, id);
    draft = null;
  };

  for await (const { line, lineNo } of textLines(path)) {
    const text = line.trim();
    if (text === '' || text.startsWith('!')) continue;
    if (text.startsWith('[')) {
      finish();
      if (inHeader && !sawFormat) throw OntologyError.malformed(path, `line ${lineNo}`, 'no format-version header; not an OBO file');
      inHeader = false;
      if (text === '[Term]') draft = { startLine: lineNo, obsolete: false, parents: [], replacedBy: [], altIds: [] };
      continue;
    }
    const colon = text.indexOf(':');
    if (colon <= 0) throw OntologyError.malformed(path, `line ${lineNo}`, `expected "tag: value", got "${text.slice(0, 40)}"`);
    const tag = text.slice(0, colon);
    const value = text.slice(colon + 1).trim();
    if (inHeader) {
      if (tag === 'format-version') sawFormat = true;
      else if (tag === 'data-version') version = value;
      continue;
    }
    if (!draft) continue;
    // Names are free text and kept whole; the other tags may carry trailing "! comment" and "{qualifiers}".
    if (tag === 'name') {
      draft.name = value;
      continue;
    }
    const bare = stripTrailers(value);
    switch (tag) {
      case 'id':
        draft.id = bare;
        break;
      case 'namespace':
        draft.namespace = bare;
        break;
      case 'alt_id':
        draft.altIds.push(bare);
        break;
      case 'is_a':
        draft.parents.push(bare);
        break;
      case 'relationship': {
        const [type, target] = bare.split(/\s+/);
        if (type === 'part_of' && target) draft.parents.push(target);
        break;
      }
      case 'is_obsolete':
        draft.obsolete = bare === 'true';
        break;
      case 'replaced_by':
        draft.replacedBy.push(bare);
        break;
    }
  }
  finish();
  if (!sawFormat) throw OntologyError.malformed(path, 'line 1', 'no format-version header; not an OBO file');
  return { terms, altIds, version };
}

function stripTrailers(value: string): string {
  const bang = value.indexOf(' !');
  const noComment = bang >= 0 ? value.slice(0, bang) : value;
  return noComment.replace(/\s*\{[^}]*\}\s*$/, '').trim();
}
