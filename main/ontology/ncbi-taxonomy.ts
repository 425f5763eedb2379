import { join } from 'node:path';
import { OntologyError } from './ontology-error.ts';
import { textLines } from './text-lines.ts';

export interface TaxonRank {
  taxid: number;
  name: string;
  rank: string;
}

interface Node {
  parent: number;
  rank: string;
}

/** NCBI's taxonomy from the taxdump files nodes.dmp and names.dmp (fields separated by "\t|\t", rows end "\t|"). */
export class NcbiTaxonomy {
  private constructor(
    private readonly nodes: ReadonlyMap<number, Node>,
    private readonly names: ReadonlyMap<number, string>,
    /** Lower-cased scientific (and NCBI "unique") name → taxids carrying it. */
    private readonly byName: ReadonlyMap<string, readonly number[]>,
  ) {}

  /** `source` is the taxdump folder or the two file paths. */
  static async load(source: string | { nodes: string; names: string }): Promise<NcbiTaxonomy> {
    const paths = typeof source === 'string' ? { nodes: join(source, 'nodes.dmp'), names: join(source, 'names.dmp') } : source;
    const nodes = new Map<number, Node>();
    for await (const { fields, lineNo } of dmpRows(paths.nodes)) {
      const [id, parent, rank] = fields;
      nodes.set(taxid(paths.nodes, lineNo, id), { parent: taxid(paths.nodes, lineNo, parent), rank: rank ?? '' });
    }
    for (const [id, node] of nodes) {
      if (!nodes.has(node.parent)) throw OntologyError.malformed(paths.nodes, 'table nodes', `taxon ${id} has unknown parent ${node.parent}`);
    }
    const names = new Map<number, string>();
    const byName = new Map<string, number[]>();
    for await (const { fields, lineNo } of dmpRows(paths.names)) {
      const [id, name, unique, nameClass] = fields;
      if (nameClass !== 'scientific name' || !name) continue;
      const tax = taxid(paths.names, lineNo, id);
      names.set(tax, name);
      // NCBI gives homonyms (e.g. the bacterium and the stick insect "Bacillus") a unique name such as "Bacillus <stick insect>".
      for (const key of new Set([name, unique].filter((n): n is string => !!n).map((n) => n.toLowerCase()))) {
        byName.set(key, [...(byName.get(key) ?? []), tax]);
      }
    }
    return new NcbiTaxonomy(nodes, names, byName);
  }

  get size(): number {
    return this.nodes.size;
  }

  name(taxid: number): string | undefined {
    return this.names.get(taxid);
  }

  /** From the root down to the taxon itself; empty for an unknown taxid. */
  lineage(taxid: number): TaxonRank[] {
    const out: TaxonRank[] = [];
    const seen = new Set<number>();
    let id = taxid;
    for (let node = this.nodes.get(id); node && !seen.has(id); node = this.nodes.get(id)) {
      seen.add(id);
      out.push({ taxid: id, name: this.names.get(id) ?? '', rank: node.rank });
      // The root is its own parent in nodes.dmp.
      if (node.parent === id) break;
      id = node.parent;
    }
    return out.reverse();
  }

  /** True when `ancestor` is on the lineage of `taxid`, the taxon itself included. */
  isDescendant(taxid: number, ancestor: number): boolean {
    return this.lineage(taxid).some((t) => t.taxid === ancestor);
  }

  /** A known taxid given as digits, or the taxon with this scientific name (case-insensitive); undefined if none. */
  resolve(nameOrId: string): number | undefined {
    const text = nameOrId.trim();
    if (/^\d+$/.test(text)) {
      const id = Number(text);
      return this.nodes.has(id) ? id : undefined;
    }
    const hits = this.byName.get(text.toLowerCase());
    if (!hits || hits.length === 0) return undefined;
    const [only, ...others] = hits;
    if (others.length === 0) return only;
    const candidates = hits.map((id) => `${id} (${this.lineage(id).at(-2)?.name ?? 'root'} > ${this.names.get(id) ?? ''})`);
    throw new OntologyError('ambiguous', `taxon name "${text}" is ambiguous: ${candidates.join(', ')}; give a taxid`);
  }
}

async function* dmpRows(path: string): AsyncGenerator<{ fields: string[]; lineNo: number }> {
  for await (const { line, lineNo } of textLines(path)) {
    if (line === '') continue;
    yield { fields: line.replace(/\t\|$/, '').split('\t|\t'), lineNo };
  }
}

function taxid(path: string, lineNo: number, field: string | undefined): number {
  if (field === undefined || !/^\d+$/.test(field.trim())) {
    throw OntologyError.malformed(path, `line ${lineNo}`, `expected a numeric taxid, got "${field ?? ''}"`);
  }
  return Number(field);
}
