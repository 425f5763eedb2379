import { join, resolve } from 'node:path';
import { parseCsvLine } from '../../export/csv.ts';
import { EngineError } from '../../shared/engine-error.ts';
import { lineBatches } from '../../io/text-lines.ts';
import type { GoSummaryRow, GoSummaryTable } from './contract-results.ts';
import { readRunRecordLoosely } from './run-record-file.ts';

const COLUMNS = ['accession', 'model_name', 'layer_index', 'go_id', 'category', 'go_description', 'support_count', 'final_score'] as const;

/**
 * The first `limit` rows of an annotate run's summary.csv (a query's terms best first, queries in input order), with
 * the run's counts from run.json: what the Run screen shows when a GO annotation finishes. The whole file can hold
 * millions of rows, so it is streamed: the preview's rows are kept and the rest only counted.
 */
export async function readGoSummary(runDir: string, limit: number): Promise<GoSummaryTable> {
  const dir = resolve(runDir);
  const file = join(dir, 'summary.csv');
  let at: number[] | undefined;
  let lineNo = 0;
  let totalRows = 0;
  const rows: GoSummaryRow[] = [];
  try {
    for await (const batch of lineBatches(file)) {
      for (const line of batch) {
        lineNo += 1;
        if (line.length === 0) continue;
        if (!at) {
          at = columnsOf(file, line);
          continue;
        }
        totalRows += 1;
        if (rows.length < limit) rows.push(summaryRow(file, line, lineNo, at));
      }
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new EngineError('input_unreadable', `${dir} is not an annotate run folder: it has no summary.csv`);
    if (error instanceof EngineError) throw error;
    throw new EngineError('input_unreadable', `${file}: ${(error as Error).message}`);
  }
  if (!at) columnsOf(file, '');
  const { result } = (await readRunRecordLoosely(join(dir, 'run.json'))) as { result?: { reference?: string; queries?: number; annotatedQueries?: number } };
  return {
    dir, reference: result?.reference ?? null, queries: result?.queries ?? null, annotatedQueries: result?.annotatedQueries ?? null,
    rows, totalRows,
  };
}

/** Where each of COLUMNS is in the header line. */
function columnsOf(file: string, header: string): number[] {
  const names = parseCsvLine(header);
  const at = COLUMNS.map((column) => names.indexOf(column));
  const missing = COLUMNS.filter((_, i) => at[i]! < 0);
  if (missing.length > 0) throw new EngineError('input_unreadable', `${file}: not an annotate summary (no column ${missing.join(', ')})`);
  return at;
}

function summaryRow(file: string, line: string, lineNo: number, at: readonly number[]): GoSummaryRow {
  let fields: string[];
  try {
    fields = parseCsvLine(line);
  } catch (error) {
    throw new EngineError('input_unreadable', `${file} line ${lineNo}: ${(error as Error).message}`);
  }
  const [accession, model, layer, goId, category, description, support, score] = at.map((column) => fields[column] ?? '');
  return { accession: accession!, model: model!, layer: Number(layer), goId: goId!, category: category!, description: description!, supportCount: Number(support), finalScore: Number(score) };
}
