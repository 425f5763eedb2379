import { reverseComplement } from '../io/reverse-complement.ts';
import { loadSequences } from '../store/stored-vectors.ts';
import type { Store } from '../store/store.ts';
import type { Chimera, ChimeraSettings } from './chimera-check.ts';
import { ChimeraPool } from './chimera-pool.ts';
import { ReferenceWords } from './reference-words.ts';
import type { ClassifyQueries } from './classify-queries.ts';
import type { TaxonomyReference } from './taxonomy-reference.ts';

export const CHIMERAS_FILE = 'chimeras.tsv';

/** One read that two references explain better than one: a row of chimeras.tsv. */
export interface ChimeraRow {
  queryId: string;
  /** The reference matching the read's 5' part, and the one matching its 3' part. */
  left: string;
  right: string;
  breakpoint: number;
  identity: number;
  bestSingle: string;
  bestSingleIdentity: number;
}

/** What the classifier kept of a read for the check: its nearest references, and its strand. */
export interface ChimeraCandidates {
  /** Nearest references by embedding (indices into the reference), nearest first; null from a bundle. */
  candidates: Int32Array | null;
  reversed: boolean;
}

/**
 * Checks every read against its candidate parents: its nearest references by embedding and the references sharing
 * the most words with each quarter of it, both steps on `threads` worker threads (0: one per core; see
 * ChimeraPool). Reads sharing one answer object (identical reads, see distinctRows) are checked once.
 */
export async function findChimeras(
  store: Store, reference: TaxonomyReference, referenceDatasetId: string, queries: ClassifyQueries, reads: readonly ChimeraCandidates[], settings: ChimeraSettings,
  threads = 0,
): Promise<ChimeraRow[]> {
  const searched = reads.flatMap((read, q) => (read.candidates && read.candidates.length > 0 ? [q] : []));
  if (searched.length === 0) return [];
  const wantedReads = new Set(searched.map((q) => queries.ids[q]!));
  const readSequences = new Map<string, string>();
  for (const file of queries.files) for (const [id, { sequence }] of await loadSequences(store, file.datasetId, wantedReads)) readSequences.set(id, sequence);
  // A reference set past MAX_INDEXED is not held in memory: its reads' parents are sought among their nearest
  // references by embedding only, and only those are read.
  const indexed = reference.ids.length <= MAX_INDEXED;
  const wantedReferences = indexed ? undefined : new Set(searched.flatMap((q) => [...reads[q]!.candidates!].map((index) => reference.ids[index]!)));
  const stored = await loadSequences(store, referenceDatasetId, wantedReferences);
  const referenceSequences = reference.ids.map((id) => stored.get(id)?.sequence ?? '');
  const words = indexed ? ReferenceWords.build(referenceSequences) : null;
  const pool = new ChimeraPool(referenceSequences, words, reference.paths.codes, settings, threads);

  // One check per answer object: identical reads share theirs.
  const checks = new Map<ChimeraCandidates, { candidates: number[]; sequence: string | null; chimera: Chimera | null }>();
  const sought: { read: ChimeraCandidates; sequence: string }[] = [];
  for (const q of searched) {
    const read = reads[q]!;
    if (checks.has(read)) continue;
    const written = readSequences.get(queries.ids[q]!);
    const sequence = written && (read.reversed ? reverseComplement(written) : written);
    checks.set(read, { candidates: [], sequence: null, chimera: null });
    if (sequence) sought.push({ read, sequence });
  }
  try {
    // The read's nearest references, and those sharing the most words with each quarter of it. Only a read one of
    // whose parts another taxon matches better can be a chimera: the others (most reads) are not aligned at all.
    const found = await pool.partCandidates(sought.map(({ read, sequence }) => ({ sequence, nearest: read.candidates! })));
    sought.forEach(({ read, sequence }, i) => {
      const { candidates, mixed } = found[i]!;
      checks.set(read, { candidates, sequence: mixed && candidates.every((index) => referenceSequences[index]) ? sequence : null, chimera: null });
    });
    const aligned = [...checks.values()].filter((check) => check.sequence !== null);
    const chimeras = await pool.checkTwoParents(aligned.map(({ sequence, candidates }) => ({ sequence: sequence!, candidates })));
    aligned.forEach((check, i) => (check.chimera = chimeras[i]!));
  } finally {
    await pool.close();
  }
  const rows: ChimeraRow[] = [];
  for (const q of searched) {
    const { candidates, chimera } = checks.get(reads[q]!)!;
    if (!chimera) continue;
    rows.push({
      queryId: queries.ids[q]!, left: reference.ids[candidates[chimera.left]!]!, right: reference.ids[candidates[chimera.right]!]!, breakpoint: chimera.breakpoint,
      identity: chimera.identity, bestSingle: reference.ids[candidates[chimera.bestSingleIndex]!]!, bestSingleIdentity: chimera.bestSingle,
    });
  }
  return rows;
}

/**
 * Reference sets up to this many sequences are indexed by 8-mers for the check (50,000 18S V4 references: 1.4 s more
 * per run, most of it reading the sequences from the store); larger ones use the embedding's neighbours alone.
 */
const MAX_INDEXED = 100_000;
export function formatChimeras(rows: readonly ChimeraRow[]): string {
  const header = ['query_id', 'left_parent', 'right_parent', 'breakpoint', 'chimera_identity', 'best_single', 'best_single_identity'];
  return `${[header, ...rows.map((r) => [r.queryId, r.left, r.right, r.breakpoint, r.identity.toFixed(4), r.bestSingle, r.bestSingleIdentity.toFixed(4)])].map((fields) => fields.join('\t')).join('\n')}\n`;
}
