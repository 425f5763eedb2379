import { LabelError } from './label-error.ts';
import type { LabelSourceRecord } from './label-types.ts';

const ANNOTATION_KEYS = ['taxid', 'tax_id'] as const;
/** UniProt `OX=9606`, and the `taxid:9606` / `taxon:9606` / `taxid=9606` spellings of other exporters. */
const IN_DESCRIPTION = /(?:^|[\s[|;,])(?:OX=|tax_?id[:=]|taxon[:=])(\d+)(?=$|[\s\]|;,])/i;
const TAXID = /^[1-9]\d{0,9}$/;

/**
 * The record's NCBI taxid, or null when it names none. An annotation `taxid=` whose value is not a positive integer
 * is a broken label (it was meant as one) and throws; description text is only matched when it is well formed.
 */
export function parseTaxid(record: LabelSourceRecord): number | null {
  for (const key of ANNOTATION_KEYS) {
    const value = record.annotations[key];
    if (value === undefined) continue;
    if (!TAXID.test(value.trim())) throw new LabelError('malformed_label', `record ${record.id}: ${key}=${value.slice(0, 40)} is not a positive integer taxid`);
    return Number(value.trim());
  }
  const match = IN_DESCRIPTION.exec(record.description);
  return match && TAXID.test(match[1]!) ? Number(match[1]) : null;
}
