import { EngineError } from '../shared/engine-error.ts';
import { requireReference } from '../references/reference-sets.ts';
import { Store } from '../store/store.ts';
import { readLineageFile } from './lineage-file.ts';

/** The names a reference knows at each rank of a run (index = position in the run's ranks). */
export type KnownTaxa = Set<string>[];

/** From a lineage file: names by position from the top, matched to the run's ranks in order. */
export async function knownTaxaFromFile(path: string, ranks: readonly string[]): Promise<KnownTaxa> {
  const known: KnownTaxa = ranks.map(() => new Set());
  for (const names of (await readLineageFile(path)).values()) {
    names.slice(0, ranks.length).forEach((name, r) => {
      if (name !== '') known[r]!.add(name);
    });
  }
  return known;
}

/**
 * From a reference set's labels in a store. Its lineages carry rank names where the label source had them, and
 * those are matched to the run's ranks by name; a lineage without rank names is matched by position, as a file is.
 */
export async function knownTaxaFromStore(dir: string, reference: string, ranks: readonly string[]): Promise<KnownTaxa> {
  const store = await Store.open(dir, { readonly: true });
  try {
    requireReference(store, reference);
    const known: KnownTaxa = ranks.map(() => new Set());
    const rows = store.catalog.references.taxonomy(reference);
    if (!rows.some((row) => row.lineage)) throw new EngineError('invalid_labels', `reference "${reference}" in ${store.dir} has no lineages`);
    for (const row of rows) {
      if (!row.lineage) continue;
      const names = row.lineage.split(';').map((name) => name.trim());
      const rowRanks = row.ranks?.split(';').map((rank) => rank.trim()) ?? [];
      const named = rowRanks.some((rank) => ranks.includes(rank));
      names.forEach((name, i) => {
        const r = named ? ranks.indexOf(rowRanks[i] ?? '') : i;
        if (r >= 0 && r < ranks.length && name !== '') known[r]!.add(name);
      });
    }
    return known;
  } finally {
    await store.close();
  }
}
