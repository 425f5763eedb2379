import type { Classification } from '../classify/read-assignment.ts';
import { SEQATLAS_VERSION } from '../shared/version.ts';
import { compositionChart } from './composition-chart.ts';
import { escapeHtml } from './html-escape.ts';
import type { RunRecord } from './run-folder.ts';
import { distinctReads } from './distinct-reads.ts';
import { countTaxa } from './taxon-counts.ts';
import { ordinationChart, rarefactionChart } from '../diversity/diversity-charts.ts';
import { diversityTable } from '../diversity/diversity-table.ts';
import { sampleDiversity } from '../diversity/sample-diversity.ts';

const TABLE_TAXA = 30;

export interface ReportInput {
  classification: Classification;
  record: RunRecord;
  runDir: string;
  rank: string;
  generatedAt: Date;
  /** Reads the chimera check listed; empty when the run was not checked. */
  chimeras: ReadonlySet<string>;
}

/**
 * One self-contained HTML page: inline CSS and SVG only, and a Content-Security-Policy that forbids loading
 * anything, so it opens the same offline, by e-mail or on a field laptop. Every name from the run is escaped.
 */
export function htmlReport(input: ReportInput): string {
  const { classification, record, rank } = input;
  const counts = countTaxa(classification, rank);
  const reads = distinctReads(classification);
  const sum = (list: typeof reads) => list.reduce((total, read) => total + read.abundance, 0);
  const assigned = reads.filter((read) => read.assignedRanks > 0);
  const unassigned = reads.filter((read) => read.assignedRanks === 0);
  const novel = reads.filter((read) => read.novel);
  const total = sum(reads);
  const share = (value: number) => (total > 0 ? `${((100 * value) / total).toFixed(1)} %` : '–');
  const cell = (value: string | number) => `<td>${escapeHtml(String(value))}</td>`;

  const info: [string, string | number | undefined][] = [
    ['run folder', input.runDir],
    ['reference', record.result?.reference],
    ['model', record.result?.model === undefined ? undefined : `${record.result.model} (layer ${record.result.layer ?? '?'})`],
    ['query file', record.query?.file ?? undefined],
    ['finished', record.finishedAt],
    ['ranks', classification.ranks.join(', ')],
    ['samples', counts.samples.length],
    ['report', `SeqAtlas ${SEQATLAS_VERSION}, ${input.generatedAt.toISOString()}`],
  ];
  const chimeric = reads.filter((read) => input.chimeras.has(read.queryId));
  const tally: [string, typeof reads][] = [
    ['all reads', reads], ['assigned (at least the top rank)', assigned], ['unassigned', unassigned], ['flagged novel', novel],
    ...(chimeric.length > 0 ? [['chimeras of two references (chimeras.tsv)', chimeric] as [string, typeof reads]] : []),
  ];

  const diversity = sampleDiversity(diversityTable(classification, { features: 'taxa', rank, chimeras: input.chimeras }).table);
  const number = (value: number | null, digits: number) => (value === null ? '–' : value.toFixed(digits));

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>SeqAtlas classification report</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
td, th { border-bottom: 1px solid #ddd; padding: 3px 10px; text-align: left; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
h2 { margin-top: 1.5em; }
</style>
</head>
<body>
<h1>Classification report</h1>
<table>${info.filter(([, value]) => value !== undefined && value !== '').map(([label, value]) => `<tr><th>${escapeHtml(label)}</th>${cell(value!)}</tr>`).join('')}</table>
<h2>Reads</h2>
<table><tr><th></th><th class="n">records</th><th class="n">abundance</th><th class="n">share</th></tr>
${tally.map(([label, list]) => `<tr><th>${escapeHtml(label)}</th><td class="n">${list.length}</td><td class="n">${sum(list)}</td><td class="n">${share(sum(list))}</td></tr>`).join('\n')}
</table>
<h2>Composition per sample at ${escapeHtml(rank)}</h2>
<p>Lineages are cut at ${escapeHtml(rank)}; reads assigned only above it keep their shorter lineage.</p>
${compositionChart(counts, classification.ranks)}
<h2>Top taxa at ${escapeHtml(rank)}</h2>
<table><tr><th>taxon</th><th class="n">abundance</th><th class="n">share</th><th class="n">samples</th></tr>
${counts.rows.slice(0, TABLE_TAXA).map((row) => `<tr>${cell(row.taxon)}<td class="n">${row.total}</td><td class="n">${share(row.total)}</td><td class="n">${row.counts.filter((c) => c > 0).length}</td></tr>`).join('\n')}
</table>
<h2>Diversity at ${escapeHtml(rank)}</h2>
<p>Taxa as in the composition above (reads named at no rank, and chimeras, left out). Richness rarefied to ${diversity.commonDepth} reads, the smallest sample's, compares samples sequenced to different depths.</p>
<table><tr><th>sample</th><th class="n">reads</th><th class="n">taxa</th><th class="n">Chao1</th><th class="n">Shannon</th><th class="n">Simpson</th><th class="n">taxa in ${diversity.commonDepth} reads</th></tr>
${diversity.samples.map((sample, s) => `<tr>${cell(sample)}<td class="n">${diversity.alpha[s]!.reads}</td><td class="n">${diversity.alpha[s]!.observed}</td><td class="n">${number(diversity.alpha[s]!.chao1, 1)}</td><td class="n">${number(diversity.alpha[s]!.shannon, 2)}</td><td class="n">${number(diversity.alpha[s]!.simpson, 2)}</td><td class="n">${number(diversity.rarefiedRichness[s]!, 1)}</td></tr>`).join('\n')}
</table>
${rarefactionChart(diversity, 'taxa')}
${diversity.ordination ? `<p>Samples by the first two principal coordinates of their Bray–Curtis dissimilarities (composition by share of reads).</p>\n${ordinationChart(diversity)}` : ''}
</body>
</html>
`;
}
