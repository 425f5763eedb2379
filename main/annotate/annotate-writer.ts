import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import type { AlignMode } from '../align/index.ts';
import { csvLine } from '../export/csv.ts';
import { safeFileName } from '../export/safe-file-name.ts';
import type { TransferRow } from './go-transfer.ts';
import type { SummaryRow } from './summary-rows.ts';

const NAMESPACES = ['BP', 'MF', 'CC'] as const;
type Namespace = (typeof NAMESPACES)[number];

const RAW_COLUMNS = [
  'accession', 'model_name', 'layer_index', 'hit_rank', 'distance', 'reliability_index', 'go_id', 'category', 'evidence_code',
  'go_description', 'reference_id', 'organism', 'taxid', 'query_len', 'ref_len',
] as const;
const ALIGNMENT_COLUMNS = ['identity', 'similarity', 'alignment_score', 'gaps', 'gap_openings', 'alignment_length', 'query_coverage', 'reference_coverage'] as const;

/** A write stream that waits when its buffer is full, so a large run never holds its output in memory. */
class Sink {
  private readonly stream: WriteStream;
  constructor(path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
  }
  async write(text: string): Promise<void> {
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }
  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

/**
 * The output folder of an annotate run, in FANTASIA's shape: raw_results/<model>/layer_<k>/<accession>.csv,
 * summary.csv, topgo/<model>/layer_<k>/{BP,MF,CC}.topgo and topgo/ensemble/{BP,MF,CC}.topgo. Raw and TopGO files
 * are written as each query is processed; the ensemble (best reliability per accession and term over all layers)
 * is written at the end.
 */
export class AnnotateWriter {
  private summary!: Sink;
  private layerTopgo = new Map<Namespace, Sink>();
  private layerRawDir = '';
  private readonly ensemble = new Map<Namespace, Map<string, Map<string, number>>>(NAMESPACES.map((ns) => [ns, new Map()]));

  private constructor(
    readonly out: string,
    private readonly summaryColumns: readonly string[],
    private readonly alignmentModes: readonly AlignMode[],
  ) {}

  static async open(out: string, summaryValueColumns: readonly string[], alignmentModes: readonly AlignMode[]): Promise<AnnotateWriter> {
    await mkdir(out, { recursive: true });
    const writer = new AnnotateWriter(out, summaryValueColumns, alignmentModes);
    writer.summary = new Sink(join(out, 'summary.csv'));
    await writer.summary.write(csvLine(['accession', 'model_name', 'layer_index', 'go_id', 'category', 'go_description', 'support_count', 'support', ...summaryValueColumns, 'final_score']));
    return writer;
  }

  async beginLayer(model: string, layer: number): Promise<void> {
    await this.endLayer();
    this.layerRawDir = join(this.out, 'raw_results', safeFileName(model), `layer_${layer}`);
    await mkdir(this.layerRawDir, { recursive: true });
    const topgoDir = join(this.out, 'topgo', safeFileName(model), `layer_${layer}`);
    await mkdir(topgoDir, { recursive: true });
    this.layerTopgo = new Map(NAMESPACES.map((ns) => [ns, new Sink(join(topgoDir, `${ns}.topgo`))]));
  }

  /** Writes one query's rows of the current layer; a query without any transferred term gets no raw file. */
  async writeQuery(accession: string, rows: readonly TransferRow[], summary: readonly SummaryRow[]): Promise<void> {
    if (rows.length > 0) {
      const header = csvLine([...RAW_COLUMNS, ...this.alignmentModes.flatMap((mode) => ALIGNMENT_COLUMNS.map((c) => `${c}_${mode}`))]);
      const body = rows.map((row) => csvLine([...RAW_COLUMNS.map((c) => row[c]), ...this.alignmentModes.flatMap((mode) => alignmentFields(row, mode))]));
      await writeFile(join(this.layerRawDir, `${safeFileName(accession)}.csv`), header + body.join(''));
    }
    for (const row of summary) {
      await this.summary.write(csvLine([
        row.accession, row.model_name, row.layer_index, row.go_id, row.category, row.go_description, row.support_count, row.support,
        ...this.summaryColumns.map((c) => row.values[c] ?? null), row.final_score,
      ]));
    }
    // TopGO wants one score per (accession, term): the best reliability index among the hits carrying it.
    const best = new Map<string, { ns: Namespace; ri: number }>();
    for (const row of rows) {
      if (!isNamespace(row.category)) continue;
      const seen = best.get(row.go_id);
      if (!seen || row.reliability_index > seen.ri) best.set(row.go_id, { ns: row.category, ri: row.reliability_index });
    }
    for (const [goId, { ns, ri }] of best) {
      await this.layerTopgo.get(ns)!.write(`${accession}\t${goId}\t${round(ri)}\n`);
      const byTerm = this.ensemble.get(ns)!;
      const terms = byTerm.get(accession) ?? new Map<string, number>();
      byTerm.set(accession, terms);
      terms.set(goId, Math.max(terms.get(goId) ?? -Infinity, ri));
    }
  }

  async close(): Promise<void> {
    await this.endLayer();
    await this.summary.close();
    const dir = join(this.out, 'topgo', 'ensemble');
    await mkdir(dir, { recursive: true });
    for (const [ns, byAccession] of this.ensemble) {
      const lines: string[] = [];
      for (const [accession, terms] of byAccession) for (const [goId, ri] of terms) lines.push(`${accession}\t${goId}\t${round(ri)}\n`);
      await writeFile(join(dir, `${ns}.topgo`), lines.join(''));
    }
  }

  private async endLayer(): Promise<void> {
    for (const sink of this.layerTopgo.values()) await sink.close();
    this.layerTopgo.clear();
  }
}

function alignmentFields(row: TransferRow, mode: AlignMode): (number | null)[] {
  const m = row.alignment[mode];
  if (!m) return ALIGNMENT_COLUMNS.map(() => null);
  return [m.identity, m.similarity, m.score, m.gaps, m.gapOpenings, m.alignmentLength, m.queryCoverage, m.targetCoverage];
}

const isNamespace = (value: string): value is Namespace => (NAMESPACES as readonly string[]).includes(value);
const round = (value: number): number => Number(value.toPrecision(6));
