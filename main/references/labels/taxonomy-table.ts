import { basename } from 'node:path';
import { LabelError } from './label-error.ts';
import type { RecordLabels } from './label-types.ts';
import { looksPrefixed, parsePlainLineage, parsePrefixedLineage } from './lineage-text.ts';
import { tableLines } from './table-lines.ts';

const TAXID = /^[1-9]\d{0,9}$/;
const EMPTY_PREFIX = /(?:^|;)\s*(?:[a-z]|D_\d)__\s*(?=;|$)/gi;
/** Column names seen in QIIME (`Feature ID	Taxon	Confidence`), mothur, RDP and hand-made tables. */
const HEADER_WORDS = new Set(['taxon', 'taxonomy', 'lineage', 'taxid', 'tax_id', 'taxonomy_id', 'ncbi_taxid', 'classification', 'label', 'labels']);

/**
 * A taxonomy side file: `id<TAB>lineage` (prefixed `k__…; p__…` or plain `Bacteria;Firmicutes;…`) or
 * `id<TAB>taxid`, one id per line. Further columns (QIIME's Confidence) are ignored; blank lines and `#` comments
 * are skipped, and so is a header line. An id whose label is empty, names nothing (`k__; p__`) or is `Unassigned` is unlabelled.
 * Throws LabelError naming `file:line` for a line without a tab, a label that is neither lineage nor taxid, or an
 * id given two different labels, and `no_labels` when the file labels nothing.
 */
export async function readTaxonomyTable(path: string): Promise<Map<string, RecordLabels>> {
  const file = basename(path);
  const labels = new Map<string, RecordLabels>();
  let seenData = false;
  for await (const { number, text } of tableLines(path)) {
    if (text.trim() === '' || text.startsWith('#')) continue;
    if (!text.includes('\t')) throw new LabelError('malformed_line', `${file}:${number}: expected id<TAB>lineage or id<TAB>taxid, found no tab`);
    const [rawId, rawLabel = ''] = text.split('\t');
    const id = rawId!.trim();
    const label = rawLabel.trim();
    const first = !seenData;
    seenData = true;
    if (first && isHeader(label)) continue;
    if (id === '') throw new LabelError('malformed_line', `${file}:${number}: empty id`);
    if (namesNothing(label)) continue;
    const parsed = parseLabel(label);
    if (!parsed) throw new LabelError('malformed_line', `${file}:${number}: "${clip(label)}" is neither a lineage nor a taxid`);
    const previous = labels.get(id);
    if (previous && describe(previous) !== describe(parsed)) {
      throw new LabelError('duplicate_id', `${file}:${number}: id ${id} already has a different label (${describe(previous)})`);
    }
    labels.set(id, parsed);
  }
  if (labels.size === 0) throw new LabelError('no_labels', `${file}: no id<TAB>lineage or id<TAB>taxid lines`);
  return labels;
}

/** ``, `k__; p__; c__` or QIIME's `Unassigned`: the id is known to be unclassified, which is no error. */
function namesNothing(label: string): boolean {
  return label.toLowerCase() === 'unassigned' || /^[\s;]*$/.test(label.replace(EMPTY_PREFIX, ''));
}

function parseLabel(label: string): RecordLabels | null {
  if (TAXID.test(label)) return { taxid: Number(label) };
  const lineage = looksPrefixed(label) ? parsePrefixedLineage(label) : parsePlainLineage(label);
  return lineage ? { lineage } : null;
}

/** Only the first data line can be a header, and only if its label column is a column name rather than a taxon. */
function isHeader(label: string): boolean {
  return HEADER_WORDS.has(label.toLowerCase());
}

function describe(labels: RecordLabels): string {
  return labels.taxid !== undefined ? `taxid ${labels.taxid}` : (labels.lineage?.names.join('; ') ?? '');
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
