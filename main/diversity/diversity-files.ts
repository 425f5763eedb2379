import type { SampleDiversity } from './sample-diversity.ts';

/** The diversity export's tables, as TSV text by file name. */
export function diversityFiles(diversity: SampleDiversity): Record<string, string> {
  const { samples } = diversity;
  const number = (value: number | null, digits = 4) => (value === null ? '' : Number(value.toFixed(digits)).toString());
  const tsv = (rows: (string | number)[][]) => `${rows.map((row) => row.join('\t')).join('\n')}\n`;
  const matrix = (values: number[][]) => tsv([['', ...samples], ...values.map((row, i) => [samples[i]!, ...row.map((value) => number(value))])]);
  const files: Record<string, string> = {
    'alpha_diversity.tsv': tsv([
      ['sample', 'reads', 'observed', 'chao1', 'shannon', 'simpson', 'evenness', 'goods_coverage', `rarefied_richness_at_${diversity.commonDepth}`],
      ...diversity.alpha.map((a, s) => [samples[s]!, a.reads, a.observed, number(a.chao1, 2), number(a.shannon), number(a.simpson), number(a.evenness), number(a.goodsCoverage), number(diversity.rarefiedRichness[s]!, 2)]),
    ]),
    'rarefaction.tsv': tsv([['sample', 'depth', 'expected_richness'], ...diversity.curves.flatMap((curve, s) => curve.map((point) => [samples[s]!, point.depth, number(point.richness, 3)]))]),
    'bray_curtis.tsv': matrix(diversity.brayCurtis),
    'jaccard.tsv': matrix(diversity.jaccard),
  };
  if (diversity.ordination) {
    const { coordinates, explained } = diversity.ordination;
    files['pcoa_bray_curtis.tsv'] = tsv([
      ['sample', ...explained.map((share, axis) => `PC${axis + 1} (${(100 * share).toFixed(1)}%)`)],
      ...coordinates.map((point, s) => [samples[s]!, ...point.map((value) => number(value))]),
    ]);
  }
  return files;
}
