import { basename } from 'node:path';
import { LabelError } from './label-error.ts';
import type { GoAnnotation } from './label-types.ts';
import { tableLines } from './table-lines.ts';

const GO_ID = /^GO:\d{7}$/;
/** GAF 2.x has 17 columns; 15 are mandatory-positioned (the last two are optional and often left off). */
const GAF_MIN_COLUMNS = 15;
const GAF_ID = 1;
const GAF_QUALIFIER = 3;
const GAF_GO_ID = 4;
const GAF_EVIDENCE = 6;
/** The list separators of wide tables: commas (go-bench's ref.go.tsv), semicolons, spaces or further tabs (*.annot.tsv). */
const LIST_SEPARATOR = /[\s,;]+/;
/** A header's label column is a column name: letters, spaces, `_`, `-` only (a broken GO id has digits). */
const HEADER_LABEL = /^[A-Za-z][A-Za-z _-]*$/;

type Row = { id: string; annotations: GoAnnotation[] };

/**
 * GO annotations per id from a GAF 2.x file (`!gaf-version` first, or rows of ≥15 tab columns with a GO id in
 * column 5; rows qualified NOT are skipped), a wide table (`id<TAB>GO:…,GO:…`, the list split on commas, semicolons,
 * spaces or tabs) or a long table (`id<TAB>GO:…[<TAB>evidence]`, ids repeating). The kind is read from each line, so
 * no format flag is needed. Terms are de-duplicated per id. Blank lines, `#`/`!` comments and one header line are
 * skipped. Throws LabelError naming `file:line` for a malformed GO id or a line that fits no format, and `no_labels`
 * when the file annotates nothing.
 */
export async function readGoAnnotations(path: string): Promise<Map<string, GoAnnotation[]>> {
  const file = basename(path);
  const byId = new Map<string, Map<string, GoAnnotation>>();
  let gaf = false;
  let seenData = false;
  for await (const { number, text } of tableLines(path)) {
    if (number === 1 && /^!gaf-version:/i.test(text)) gaf = true;
    if (text.trim() === '' || text.startsWith('#') || text.startsWith('!')) continue;
    const columns = text.split('\t');
    const first = !seenData;
    seenData = true;
    // A GAF without its version line is still recognisable by its shape.
    if (first && !gaf && columns.length >= GAF_MIN_COLUMNS && GO_ID.test(columns[GAF_GO_ID]!.trim())) gaf = true;
    if (first && !gaf && HEADER_LABEL.test((columns[1] ?? '').trim())) continue;
    const at = `${file}:${number}`;
    const row = gaf ? gafRow(columns, at) : tableRow(columns, at);
    if (row) add(byId, row);
  }
  if (byId.size === 0) throw new LabelError('no_labels', `${file}: no GO annotations found`);
  return new Map([...byId].map(([id, terms]) => [id, [...terms.values()]]));
}

function gafRow(columns: string[], at: string): Row | null {
  if (columns.length < GAF_MIN_COLUMNS) throw new LabelError('malformed_line', `${at}: GAF line has ${columns.length} tab-separated columns, expected 15 to 17`);
  // GAF 2.2 qualifiers are `enables`, `NOT|enables`, …: a NOT row says the term does not apply.
  if (columns[GAF_QUALIFIER]!.split('|').some((part) => part.trim().toUpperCase() === 'NOT')) return null;
  const id = columns[GAF_ID]!.trim();
  if (id === '') throw new LabelError('malformed_line', `${at}: empty DB Object ID (column 2)`);
  const evidence = columns[GAF_EVIDENCE]!.trim();
  return { id, annotations: [{ goId: goId(columns[GAF_GO_ID]!, at), evidence: evidence === '' ? null : evidence }] };
}

function tableRow(columns: string[], at: string): Row | null {
  if (columns.length < 2) throw new LabelError('malformed_line', `${at}: expected id<TAB>GO terms, found no tab`);
  const id = columns[0]!.trim();
  if (id === '') throw new LabelError('malformed_line', `${at}: empty id`);
  const third = columns[2]?.trim();
  // Long form: one term and an evidence code; a third column that is a GO id makes it a tab-separated wide list.
  if (third !== undefined && third !== '' && !/^GO:/i.test(third)) {
    return { id, annotations: [{ goId: goId(columns[1]!, at), evidence: third }] };
  }
  const terms = columns.slice(1).flatMap((column) => column.split(LIST_SEPARATOR)).filter((term) => term !== '');
  return { id, annotations: terms.map((term) => ({ goId: goId(term, at), evidence: null })) };
}

function goId(text: string, at: string): string {
  const term = text.trim();
  if (!GO_ID.test(term)) throw new LabelError('malformed_line', `${at}: "${term.slice(0, 40)}" is not a GO id (GO: and 7 digits)`);
  return term;
}

/** One annotation per term and id; a later row may supply the evidence an earlier one lacked. */
function add(byId: Map<string, Map<string, GoAnnotation>>, row: Row): void {
  let terms = byId.get(row.id);
  if (!terms) byId.set(row.id, (terms = new Map()));
  for (const annotation of row.annotations) {
    const known = terms.get(annotation.goId);
    if (!known || (known.evidence === null && annotation.evidence !== null)) terms.set(annotation.goId, annotation);
  }
}
