import { escapeHtml } from './html-escape.ts';
import { UNASSIGNED, type TaxonCounts } from './taxon-counts.ts';

/** Taxa drawn with their own colour; the rest are summed into "Other". */
export const CHART_TAXA = 12;
const OTHER = 'Other';
/** Tableau 10 plus two: distinguishable, and readable on white. */
export const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#79706e', '#86bcb6', '#d37295'];
const GREYS: Record<string, string> = { [OTHER]: '#bab0ac', [UNASSIGNED]: '#e5e5e5' };

const BAR_HEIGHT = 22;
const GAP = 6;
const LABEL_WIDTH = 160;
const BAR_WIDTH = 600;
const LEGEND_ROW = 18;

/** A lineage's last name and its rank, which is what a legend has room for (the rank tells homonyms apart). */
const legendName = (names: readonly string[], taxon: string, ranks: readonly string[]): string =>
  names.length === 0 ? taxon : `${names.at(-1)} (${ranks[names.length - 1]})`;

/**
 * An inline SVG of each sample's composition as a 100 % stacked bar: the most abundant taxa overall in colour,
 * the rest as Other. Every name is escaped; full lineages and values are in <title> tooltips.
 */
export function compositionChart(counts: TaxonCounts, ranks: readonly string[]): string {
  const shown = counts.rows.slice(0, CHART_TAXA);
  const series = shown.map((row, i) => ({ taxon: row.taxon, label: legendName(row.names, row.taxon, ranks), colour: GREYS[row.taxon] ?? PALETTE[i % PALETTE.length]!, counts: row.counts }));
  if (counts.rows.length > CHART_TAXA) {
    const other = counts.samples.map((_, s) => counts.rows.slice(CHART_TAXA).reduce((sum, row) => sum + row.counts[s]!, 0));
    series.push({ taxon: OTHER, label: OTHER, colour: GREYS[OTHER]!, counts: other });
  }
  const parts: string[] = [];
  counts.samples.forEach((sample, s) => {
    const y = s * (BAR_HEIGHT + GAP);
    const total = series.reduce((sum, item) => sum + item.counts[s]!, 0);
    parts.push(`<text x="${LABEL_WIDTH - 8}" y="${y + BAR_HEIGHT / 2}" text-anchor="end" dominant-baseline="middle">${escapeHtml(clipLabel(sample, 24))}<title>${escapeHtml(sample)}</title></text>`);
    let x = LABEL_WIDTH;
    for (const item of series) {
      const value = item.counts[s]!;
      if (value === 0 || total === 0) continue;
      const width = (value / total) * BAR_WIDTH;
      parts.push(`<rect x="${x.toFixed(2)}" y="${y}" width="${width.toFixed(2)}" height="${BAR_HEIGHT}" fill="${item.colour}"><title>${escapeHtml(`${sample}: ${item.taxon} ${value} (${((100 * value) / total).toFixed(1)} %)`)}</title></rect>`);
      x += width;
    }
  });
  const legendTop = counts.samples.length * (BAR_HEIGHT + GAP) + 12;
  series.forEach((item, i) => {
    const y = legendTop + i * LEGEND_ROW;
    parts.push(`<rect x="${LABEL_WIDTH}" y="${y}" width="12" height="12" fill="${item.colour}"/><text x="${LABEL_WIDTH + 18}" y="${y + 6}" dominant-baseline="middle">${escapeHtml(item.label)}<title>${escapeHtml(item.taxon)}</title></text>`);
  });
  const height = legendTop + series.length * LEGEND_ROW;
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="composition per sample" width="${LABEL_WIDTH + BAR_WIDTH + 10}" height="${height}" font-size="12" font-family="sans-serif">${parts.join('')}</svg>`;
}

/** A label cut to `most` characters (an ellipsis last) for a chart; the whole text goes in its <title>. */
export const clipLabel = (text: string, most: number): string => (text.length > most ? `${text.slice(0, most - 1)}…` : text);
