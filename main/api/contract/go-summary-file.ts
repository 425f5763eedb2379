import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseCsvLine } from '../../export/csv.ts';
import { EngineError } from '../../shared/engine-error.ts';
import type { GoSummaryTable } from './contract-results.ts';

const COLUMNS = ['accession', 'model_name', 'layer_index', 'go_id', 'category', 'go_description', 'support_count', 'final_score'] as const;

/**
 * The first `limit` rows of an annotate run's summary.csv (a query's terms best first, queries in input order), with
 * the run's counts from run.json: what the Run screen shows when a GO annotation finishes. The whole file can hold
 * millions of rows; the table is a preview and the files are the result.
 */
export async function readGoSummary(runDir: string, limit: number): Promise<GoSummaryTable> {
  const dir = resolve(runDir);
  const text = await readFile(join(dir, 'summary.csv'), 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new EngineError('input_unreadable', error.code === 'ENOENT' ? `${dir} is not an annotate run folder: it has no summary.csv` : `${join(dir, 'summary.csv')}: ${error.message}`);
  });
  const lines = text.split('\n').filter((line) => line.length > 0);
  const header = parseCsvLine(lines[0] ?? '');
  const at = COLUMNS.map((column) => header.indexOf(column));
  const missing = COLUMNS.filter((_, i) => at[i]! < 0);
  if (missing.length > 0) throw new EngineError('input_unreadable', `${join(dir, 'summary.csv')}: not an annotate summary (no column ${missing.join(', ')})`);
  const rows = lines.slice(1, 1 + limit).map((line, i) => {
    let fields: string[];
    try {
      fields = parseCsvLine(line);
    } catch (error) {
      throw new EngineError('input_unreadable', `${join(dir, 'summary.csv')} line ${i + 2}: ${(error as Error).message}`);
    }
    const [accession, model, layer, goId, category, description, support, score] = at.map((column) => fields[column] ?? '');
    return { accession: accession!, model: model!, layer: Number(layer), goId: goId!, category: category!, description: description!, supportCount: Number(support), finalScore: Number(score) };
  });
  const record = await readFile(join(dir, 'run.json'), 'utf8').then((t) => JSON.parse(t) as { result?: { reference?: string; queries?: number; annotatedQueries?: number } }, () => ({}) as { result?: undefined });
  return {
    dir, reference: record.result?.reference ?? null, queries: record.result?.queries ?? null, annotatedQueries: record.result?.annotatedQueries ?? null,
    rows, totalRows: lines.length - 1,
  };
}
