import type { SampleMetadataInput, SampleMetadataRow } from '../../../main/api/contract/sample-metadata-request.ts';

/** The columns the Import screen edits; the template's other columns (primer names, environment) are kept as saved. */
export const DRAFT_FIELDS = [
  { key: 'locality', label: 'Site', placeholder: 'Lake Constance, pier 3' },
  { key: 'eventDate', label: 'Date', placeholder: '2024-06-01' },
  { key: 'decimalLatitude', label: 'Latitude', placeholder: '47.6' },
  { key: 'decimalLongitude', label: 'Longitude', placeholder: '9.4' },
  { key: 'target_gene', label: 'Target gene', placeholder: '16S rRNA' },
  { key: 'pcr_primer_forward', label: 'Forward primer', placeholder: 'GTGYCAGCMGCCGCGGTAA' },
  { key: 'pcr_primer_reverse', label: 'Reverse primer', placeholder: 'GGACTACNVGGGTWTCTAAT' },
] as const;
export type DraftField = (typeof DRAFT_FIELDS)[number]['key'];

/** One sample's row as typed (every cell a string), plus the saved row it started from. */
export interface SampleDraft {
  sample: string;
  cells: Record<DraftField, string>;
  saved: SampleMetadataRow | null;
}

export function draftOf(sample: string, saved: SampleMetadataRow | null): SampleDraft {
  const text = (key: DraftField) => (saved?.[key] === null || saved?.[key] === undefined ? '' : String(saved[key]));
  return { sample, saved, cells: Object.fromEntries(DRAFT_FIELDS.map(({ key }) => [key, text(key)])) as Record<DraftField, string> };
}

/** Empty coordinates are null; anything else goes as a number, so the contract's range check names a bad one. */
const coordinate = (text: string): number | null => (text.trim() === '' ? null : Number(text.replace(',', '.')));

export function rowOfDraft(draft: SampleDraft): SampleMetadataInput {
  const { decimalLatitude, decimalLongitude, ...text } = draft.cells;
  return { ...draft.saved, ...text, sample: draft.sample, decimalLatitude: coordinate(decimalLatitude), decimalLongitude: coordinate(decimalLongitude) };
}
