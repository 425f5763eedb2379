import type { AlignMode, AlignmentMetrics } from '../align/index.ts';
import { reliabilityIndex, type KnnHit, type Metric } from '../lookup/index.ts';
import type { GoLabelRow, GoTermRow } from '../store/reference-catalog.ts';

/** The labelled side of a lookup: reference rows with their GO annotations, organisms and lengths. */
export interface GoReferences {
  ids: readonly string[];
  lengths: Int32Array;
  /** GO annotations per reference row (empty for rows without any). */
  go: readonly (readonly GoLabelRow[])[];
  terms: ReadonlyMap<string, GoTermRow>;
  organism: (row: number) => string;
  taxid: (row: number) => number | null;
}

/** One transferred GO term from one hit: a row of raw_results/<model>/layer_<k>/<accession>.csv. */
export interface TransferRow {
  accession: string;
  model_name: string;
  layer_index: number;
  distance: number;
  reliability_index: number;
  go_id: string;
  category: string;
  evidence_code: string;
  go_description: string;
  reference_id: string;
  organism: string;
  taxid: number | null;
  query_len: number;
  ref_len: number;
  /** Hit rank (1 = nearest); lets rows of one hit be told apart from those of another with the same distance. */
  hit_rank: number;
  refRow: number;
  alignment: Partial<Record<AlignMode, AlignmentMetrics | null>>;
}

export interface QueryHits {
  accession: string;
  queryLength: number;
  hits: readonly KnnHit[];
}

/**
 * goPredSim's transfer: every GO term of every retained neighbour becomes a row carrying that neighbour's
 * distance and reliability index. Alignment metrics, when asked for, come from `align` per (hit, mode).
 */
export function transferGoTerms(
  query: QueryHits,
  model: string,
  layer: number,
  metric: Metric,
  references: GoReferences,
  align?: (refRow: number) => Partial<Record<AlignMode, AlignmentMetrics | null>>,
): TransferRow[] {
  const rows: TransferRow[] = [];
  query.hits.forEach((hit, rank) => {
    const labels = references.go[hit.index] ?? [];
    if (labels.length === 0) return;
    const alignment = align ? align(hit.index) : {};
    const reliability = reliabilityIndex(hit.distance, metric);
    for (const label of labels) {
      const term = references.terms.get(label.go_id);
      rows.push({
        accession: query.accession,
        model_name: model,
        layer_index: layer,
        distance: hit.distance,
        reliability_index: reliability,
        go_id: label.go_id,
        category: term?.namespace ?? '',
        evidence_code: label.evidence ?? '',
        go_description: term?.name ?? '',
        reference_id: references.ids[hit.index]!,
        organism: references.organism(hit.index),
        taxid: references.taxid(hit.index),
        query_len: query.queryLength,
        ref_len: references.lengths[hit.index]!,
        hit_rank: rank + 1,
        refRow: hit.index,
        alignment,
      });
    }
  });
  return rows;
}
