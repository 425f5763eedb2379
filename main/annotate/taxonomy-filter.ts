import type { NcbiTaxonomy } from '../ontology/index.ts';
import { EngineError } from '../shared/engine-error.ts';
import type { TaxonomyLabelRow } from '../store/reference-catalog.ts';
import type { AnnotateConfig } from './annotate-config.ts';

type Taxon = number | string;

export interface TaxonomyFilterResult {
  /** 1 where the reference row may be reported; undefined when no filter is configured. */
  allowed: Uint8Array | undefined;
  excluded: number;
  /** Listed taxa that matched no reference, so the user sees a typo instead of a silently unfiltered run. */
  unmatched: Taxon[];
}

/**
 * The include-only and exclude lists of a run, as a mask over the reference rows. A taxon is an NCBI taxid
 * (matched against the references' taxids, with descendants through the NCBI taxonomy dump) or a name (matched
 * against the references' lineages: the last name exactly, or any level with get_descendants, since a lineage
 * lists every ancestor). References without taxonomy labels never match, so include-only drops them.
 */
export function taxonomyFilter(config: AnnotateConfig, ids: readonly string[], labels: readonly TaxonomyLabelRow[], taxonomy: NcbiTaxonomy | undefined): TaxonomyFilterResult {
  const include = config.taxonomy_ids_included_exclusively;
  const exclude = config.taxonomy_ids_to_exclude;
  if (include.length === 0 && exclude.length === 0) return { allowed: undefined, excluded: 0, unmatched: [] };
  if (config.get_descendants && !taxonomy && [...include, ...exclude].some((t) => typeof t === 'number')) {
    throw new EngineError('invalid_config', 'get_descendants with numeric taxids needs the NCBI taxonomy: set ncbi_taxonomy to a folder with nodes.dmp and names.dmp');
  }
  const labelOf = new Map(labels.map((row) => [row.seq_id, row]));
  const matched = new Set<Taxon>();
  const matches = (row: TaxonomyLabelRow | undefined, taxon: Taxon): boolean => {
    if (!row) return false;
    let hit: boolean;
    if (typeof taxon === 'number') {
      hit = row.taxid !== null && (row.taxid === taxon || (config.get_descendants && taxonomy !== undefined && taxonomy.isDescendant(row.taxid, taxon)));
    } else {
      const names = row.lineage ? row.lineage.split('; ').map((n) => n.toLowerCase()) : [];
      const wanted = taxon.toLowerCase();
      hit = config.get_descendants ? names.includes(wanted) : names[names.length - 1] === wanted;
    }
    if (hit) matched.add(taxon);
    return hit;
  };

  const allowed = new Uint8Array(ids.length);
  let excluded = 0;
  ids.forEach((id, i) => {
    const row = labelOf.get(id);
    const keep = (include.length === 0 || include.some((t) => matches(row, t))) && !exclude.some((t) => matches(row, t));
    allowed[i] = keep ? 1 : 0;
    if (!keep) excluded += 1;
  });
  return { allowed, excluded, unmatched: [...include, ...exclude].filter((t) => !matched.has(t)) };
}
