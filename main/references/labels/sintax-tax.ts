import { LabelError } from './label-error.ts';
import type { Lineage, Rank } from './label-types.ts';
import { isTaxonName, rankForLetter } from './lineage-text.ts';

const PART = /^([A-Za-z]):(.*)$/;

/**
 * A SINTAX `tax=` value (`d:Bacteria,p:Firmicutes,g:Bacillus`) → lineage; null when the value is empty (a record
 * deliberately left unclassified). Names are kept as written (they may be escaped), only trimmed; an empty name
 * (`g:`) is an unknown level and dropped. Throws `malformed_label` for parts that are not `letter:name` with a
 * known rank letter, or a rank given twice: such a file was not written by a SINTAX-aware tool.
 */
export function parseSintaxTax(value: string, recordId: string): Lineage | null {
  const text = value.trim();
  if (text === '') return null;
  const names: string[] = [];
  const ranks: Rank[] = [];
  for (const part of text.split(',')) {
    const match = PART.exec(part.trim());
    const rank = match ? rankForLetter(match[1]!) : undefined;
    if (!match || !rank) throw malformed(recordId, `"${clip(part)}" is not rank:name (rank one of d k p c o f g s)`);
    if (ranks.includes(rank)) throw malformed(recordId, `rank ${match[1]}: appears twice`);
    const name = match[2]!.trim();
    if (name === '') continue;
    if (!isTaxonName(name)) throw malformed(recordId, `"${clip(name)}" is not a taxon name`);
    names.push(name);
    ranks.push(rank);
  }
  return names.length > 0 ? { names, ranks } : null;
}

function malformed(recordId: string, detail: string): LabelError {
  return new LabelError('malformed_label', `record ${recordId}: tax= ${detail}`);
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
