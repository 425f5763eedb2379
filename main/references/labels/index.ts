export type { GoAnnotation, HeaderLabelFormat, LabelSourceRecord, Lineage, Rank, RecordLabels } from './label-types.ts';
export { LabelError, type LabelErrorCode } from './label-error.ts';
export { detectHeaderFormat } from './detect-header-format.ts';
export { parseHeaderLabels } from './header-labels.ts';
export { readTaxonomyTable } from './taxonomy-table.ts';
export { readGoAnnotations } from './go-annotations.ts';
