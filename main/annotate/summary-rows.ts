import type { AlignMode } from '../align/index.ts';
import type { AnnotateConfig } from './annotate-config.ts';
import type { TransferRow } from './go-transfer.ts';

/** One row of summary.csv: a GO term proposed for a query by one (model, layer). */
export interface SummaryRow {
  accession: string;
  model_name: string;
  layer_index: number;
  go_id: string;
  category: string;
  go_description: string;
  support_count: number;
  support: number;
  /** `<metric>_<aggregation>` columns, in the order of summaryColumns(config) minus `support`. */
  values: Record<string, number | null>;
  final_score: number;
}

type Metric = 'reliability_index' | 'distance' | 'identity' | 'similarity' | 'alignment_score';

/**
 * Aggregates one query's transfer rows of one (model, layer) into one row per GO term: how many of the k hits
 * carry it (support_count, and support = count / k), the configured aggregations of each metric over those hits,
 * and final_score, the weighted mean of the configured columns. final_score ranks terms; it is not a probability.
 * Alignment metrics are taken from the first configured alignment mode.
 */
export function summarise(rows: readonly TransferRow[], config: AnnotateConfig): SummaryRow[] {
  const groups = new Map<string, TransferRow[]>();
  for (const row of rows) {
    const group = groups.get(row.go_id);
    if (group) group.push(row);
    else groups.set(row.go_id, [row]);
  }
  const mode: AlignMode = config.alignment.modes[0] ?? 'global';
  const out: SummaryRow[] = [];
  for (const [goId, group] of groups) {
    const first = group[0]!;
    // A term can reach a query through one hit only once; distinct hits are what support counts.
    const hits = new Set(group.map((r) => r.refRow));
    const values: Record<string, number | null> = {};
    for (const [metric, aggregations] of Object.entries(config.summary.aggregations) as [Metric, ('max' | 'min' | 'mean')[]][]) {
      const samples = group.map((row) => metricOf(row, metric, mode)).filter((v): v is number => v !== null);
      for (const aggregation of aggregations) values[`${metric}_${aggregation}`] = aggregate(samples, aggregation);
    }
    const support = hits.size / config.limit_per_entry;
    out.push({
      accession: first.accession,
      model_name: first.model_name,
      layer_index: first.layer_index,
      go_id: goId,
      category: first.category,
      go_description: first.go_description,
      support_count: hits.size,
      support,
      values,
      final_score: finalScore({ ...values, support }, config.summary.weights),
    });
  }
  return out.sort((a, b) => b.final_score - a.final_score || a.go_id.localeCompare(b.go_id));
}

function metricOf(row: TransferRow, metric: Metric, mode: AlignMode): number | null {
  switch (metric) {
    case 'reliability_index':
      return row.reliability_index;
    case 'distance':
      return row.distance;
    case 'identity':
      return row.alignment[mode]?.identity ?? null;
    case 'similarity':
      return row.alignment[mode]?.similarity ?? null;
    case 'alignment_score':
      return row.alignment[mode]?.score ?? null;
  }
}

function aggregate(samples: readonly number[], how: 'max' | 'min' | 'mean'): number | null {
  if (samples.length === 0) return null;
  if (how === 'max') return Math.max(...samples);
  if (how === 'min') return Math.min(...samples);
  return samples.reduce((sum, v) => sum + v, 0) / samples.length;
}

/**
 * Σ weight × value / Σ weight. Distances enter as 1 - value so that larger is better throughout; a missing value
 * (an alignment that was skipped) counts as 0 rather than silently re-weighting the others.
 */
function finalScore(values: Record<string, number | null>, weights: Record<string, number>): number {
  let sum = 0;
  let total = 0;
  for (const [column, weight] of Object.entries(weights)) {
    const raw = values[column] ?? 0;
    sum += weight * (column.startsWith('distance_') ? 1 - raw : raw);
    total += weight;
  }
  return total > 0 ? sum / total : 0;
}
