import { clipLabel, PALETTE } from '../export/composition-chart.ts';
import { escapeHtml } from '../export/html-escape.ts';
import type { SampleDiversity } from './sample-diversity.ts';

const WIDTH = 520;
const HEIGHT = 300;
const MARGIN = { left: 56, right: 150, top: 12, bottom: 40 };
const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;

const colour = (s: number) => PALETTE[s % PALETTE.length]!;

/** Axis frame, labels and one legend row per sample. */
function frame(xLabel: string, yLabel: string, samples: readonly string[], ticks: { x: [number, string][]; y: [number, string][] }): string {
  const parts = [
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#999"/>`,
    `<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 6}" text-anchor="middle">${escapeHtml(xLabel)}</text>`,
    `<text transform="translate(14 ${MARGIN.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(yLabel)}</text>`,
    ...ticks.x.map(([x, label]) => `<text x="${x.toFixed(1)}" y="${MARGIN.top + plotHeight + 14}" text-anchor="middle">${escapeHtml(label)}</text>`),
    ...ticks.y.map(([y, label]) => `<text x="${MARGIN.left - 6}" y="${y.toFixed(1)}" text-anchor="end" dominant-baseline="middle">${escapeHtml(label)}</text>`),
    ...samples.map((sample, s) => {
      const y = MARGIN.top + 8 + s * 16;
      return `<rect x="${WIDTH - MARGIN.right + 10}" y="${y - 5}" width="10" height="10" fill="${colour(s)}"/><text x="${WIDTH - MARGIN.right + 26}" y="${y}" dominant-baseline="middle">${escapeHtml(clipLabel(sample, 20))}<title>${escapeHtml(sample)}</title></text>`;
    }),
  ];
  return parts.join('');
}

const svg = (label: string, body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${escapeHtml(label)}" width="${WIDTH}" height="${HEIGHT}" font-size="11" font-family="sans-serif">${body}</svg>`;

/** Each sample's rarefaction curve (expected features against reads drawn), one colour per sample. */
export function rarefactionChart(diversity: SampleDiversity, feature: string): string {
  const maxDepth = Math.max(1, ...diversity.curves.flatMap((curve) => curve.map((point) => point.depth)));
  const maxRichness = Math.max(1, ...diversity.curves.flatMap((curve) => curve.map((point) => point.richness)));
  const x = (depth: number) => MARGIN.left + (depth / maxDepth) * plotWidth;
  const y = (richness: number) => MARGIN.top + plotHeight - (richness / maxRichness) * plotHeight;
  const lines = diversity.curves.map((curve, s) => {
    const points = [[0, 0], ...curve.map((point) => [point.depth, point.richness])].map(([d, r]) => `${x(d!).toFixed(1)},${y(r!).toFixed(1)}`).join(' ');
    const last = curve.at(-1);
    return `<polyline points="${points}" fill="none" stroke="${colour(s)}" stroke-width="2"><title>${escapeHtml(`${diversity.samples[s]}: ${last?.richness.toFixed(0) ?? 0} ${feature} in ${last?.depth ?? 0} reads`)}</title></polyline>`;
  });
  const ticks = { x: [0, 0.5, 1].map((f) => [x(f * maxDepth), String(Math.round(f * maxDepth))] as [number, string]), y: [0, 0.5, 1].map((f) => [y(f * maxRichness), String(Math.round(f * maxRichness))] as [number, string]) };
  return svg('rarefaction curves', frame('reads', `${feature} expected`, diversity.samples, ticks) + lines.join(''));
}

/** Samples on the first two principal coordinates of their Bray–Curtis dissimilarities; empty with fewer than three. */
export function ordinationChart(diversity: SampleDiversity): string {
  const ordination = diversity.ordination;
  if (!ordination) return '';
  const xs = ordination.coordinates.map((point) => point[0] ?? 0);
  const ys = ordination.coordinates.map((point) => point[1] ?? 0);
  const span = (values: number[]) => {
    const [low, high] = [Math.min(...values), Math.max(...values)];
    const pad = (high - low) * 0.08 || 0.1;
    return [low - pad, high + pad] as const;
  };
  const [x0, x1] = span(xs);
  const [y0, y1] = span(ys);
  const x = (value: number) => MARGIN.left + ((value - x0) / (x1 - x0)) * plotWidth;
  const y = (value: number) => MARGIN.top + plotHeight - ((value - y0) / (y1 - y0)) * plotHeight;
  const points = diversity.samples.map((sample, s) =>
    `<circle cx="${x(xs[s]!).toFixed(1)}" cy="${y(ys[s]!).toFixed(1)}" r="6" fill="${colour(s)}"><title>${escapeHtml(`${sample}: PC1 ${xs[s]!.toFixed(3)}, PC2 ${ys[s]!.toFixed(3)}`)}</title></circle>`);
  const share = (axis: number) => `${(100 * (ordination.explained[axis] ?? 0)).toFixed(1)}%`;
  return svg('principal coordinates of Bray–Curtis dissimilarities', frame(`PC1 (${share(0)})`, `PC2 (${share(1)})`, diversity.samples, { x: [], y: [] }) + points.join(''));
}
