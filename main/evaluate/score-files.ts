import { textLines } from '../ontology/index.ts';

/** accession → GO id → score. */
export type Predictions = Map<string, Map<string, number>>;
/** accession → GO ids. */
export type Truth = Map<string, Set<string>>;

/** Python's float() literals: decimal or exponent forms, surrounding whitespace allowed (fmax.py keeps a trailing \r). */
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Reads predictions as fmax.py's read_pred does: `accession<TAB>go_id<TAB>score`, '#' lines and blank lines skipped,
 * rows whose third field is not a number (a header) skipped, the highest score kept for a repeated pair.
 * SeqAtlas's .topgo files have the same layout without a header. Fields are not trimmed, as in fmax.py.
 * Non-finite scores are skipped (fmax.py never keeps nan and fails on inf).
 */
export async function readPredictionsTsv(path: string): Promise<Predictions> {
  const pred: Predictions = new Map();
  for await (const { line: raw } of textLines(path)) {
    if (raw === '' || raw.startsWith('#')) continue;
    const [acc, term, scoreText] = raw.split('\t');
    if (acc === undefined || term === undefined || scoreText === undefined) continue;
    const text = scoreText.trim();
    if (!FLOAT.test(text)) continue;
    const score = Number(text);
    if (!Number.isFinite(score)) continue;
    const byTerm = pred.get(acc) ?? new Map<string, number>();
    pred.set(acc, byTerm);
    if (score > (byTerm.get(term) ?? -1)) byTerm.set(term, score);
  }
  return pred;
}

/**
 * Reads ground truth as fmax.py's read_truth does: `accession` then GO ids separated by commas, spaces or tabs;
 * an accession may span several lines (terms are unioned); tokens not starting with "GO:" are ignored, so a header
 * line yields an accession with no terms, which scoring later drops.
 */
export async function readTruthTsv(path: string): Promise<Truth> {
  const truth: Truth = new Map();
  for await (const { line: raw } of textLines(path)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const [acc = '', ...rest] = line.split(/[\t, ]/);
    const terms = truth.get(acc) ?? new Set<string>();
    truth.set(acc, terms);
    for (const t of rest) if (t.startsWith('GO:')) terms.add(t);
  }
  return truth;
}
