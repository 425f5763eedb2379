import type { HeaderLabelFormat, LabelSourceRecord, Lineage, RecordLabels } from './label-types.ts';
import { parsePlainLineage, parsePrefixedLineage } from './lineage-text.ts';
import { parseSintaxTax } from './sintax-tax.ts';
import { parseTaxid } from './taxid-label.ts';

/**
 * The labels a record's header carries in `format`, or null when it carries none in that format.
 * Throws LabelError('malformed_label') (naming the record id) for a label that is present but broken.
 */
export function parseHeaderLabels(format: HeaderLabelFormat, record: LabelSourceRecord): RecordLabels | null {
  if (format === 'taxid') {
    const taxid = parseTaxid(record);
    return taxid === null ? null : { taxid };
  }
  const lineage = lineageIn(format, record);
  return lineage ? { lineage } : null;
}

function lineageIn(format: Exclude<HeaderLabelFormat, 'taxid'>, record: LabelSourceRecord): Lineage | null {
  switch (format) {
    case 'sintax': {
      const tax = record.annotations.tax;
      return tax === undefined ? null : parseSintaxTax(tax, record.id);
    }
    case 'tab-lineage':
      return multiLevel(lastTabField(record.description));
    case 'semicolon-lineage':
      // A description with tabs is a tab-lineage header (or none): its first field is free text, not a rank.
      return record.description.includes('\t') ? null : multiLevel(record.description);
    case 'prefixed-lineage':
      return prefixedIn(record);
  }
}

/** Header lineages need at least two levels: one bare word after the id is a description, not a taxonomy. */
function multiLevel(text: string): Lineage | null {
  if (!text.includes(';')) return null;
  const lineage = parsePlainLineage(text);
  return lineage && lineage.names.length >= 2 ? lineage : null;
}

/**
 * UNITE puts the lineage into the id token (`SH123|reference|k__Fungi;p__…`, kept whole as the id since it holds
 * `;` parts that are not key=value); QIIME, SILVA and GTDB put it in the description, alone or as the last tab field.
 */
function prefixedIn(record: LabelSourceRecord): Lineage | null {
  for (const part of record.id.split('|')) {
    const lineage = parsePrefixedLineage(part);
    if (lineage) return lineage;
  }
  return parsePrefixedLineage(lastTabField(record.description));
}

function lastTabField(description: string): string {
  return description.slice(description.lastIndexOf('\t') + 1);
}
