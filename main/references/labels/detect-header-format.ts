import { basename } from 'node:path';
import { parseHeaderLabels } from './header-labels.ts';
import { LabelError } from './label-error.ts';
import type { HeaderLabelFormat, LabelSourceRecord } from './label-types.ts';

/** Share of sampled records that must carry a label in a format for it to fit: tolerates a few odd records. */
const FIT_SHARE = 0.9;

/**
 * When both fit, the key wins over each listed format because it is the more specific reading of the same header:
 * a SINTAX `tax=` annotation cannot occur by accident; `k__Fungi;p__…` is also a plain semicolon lineage but with
 * prefixes that give true ranks; a tab-free description that is a lineage is equally its own last tab field.
 * A taxid and a lineage are different labels, so that pair stays ambiguous and the user chooses.
 */
const OUTRANKS: ReadonlyMap<HeaderLabelFormat, readonly HeaderLabelFormat[]> = new Map<HeaderLabelFormat, HeaderLabelFormat[]>([
  ['sintax', ['prefixed-lineage', 'semicolon-lineage', 'tab-lineage', 'taxid']],
  ['prefixed-lineage', ['semicolon-lineage', 'tab-lineage']],
  ['semicolon-lineage', ['tab-lineage']],
]);

const FORMATS: readonly HeaderLabelFormat[] = ['sintax', 'prefixed-lineage', 'semicolon-lineage', 'tab-lineage', 'taxid'];

/**
 * The one header label format that fits the sample, or null when none does (labels may still come from side
 * files). Throws LabelError('ambiguous_format') when several fit and none outranks the others.
 * `source` names the file in messages.
 */
export function detectHeaderFormat(sample: readonly LabelSourceRecord[], source: string): HeaderLabelFormat | null {
  if (sample.length === 0) return null;
  const fitting = FORMATS.filter((format) => labelled(format, sample) >= FIT_SHARE * sample.length);
  const best = fitting.filter((format) => !fitting.some((other) => OUTRANKS.get(other)?.includes(format)));
  if (best.length <= 1) return best[0] ?? null;
  throw new LabelError(
    'ambiguous_format',
    `${basename(source)}: headers fit several label formats (${best.join(', ')}); choose one with --label-format ${best.join('|')} or --label-format none`,
  );
}

function labelled(format: HeaderLabelFormat, sample: readonly LabelSourceRecord[]): number {
  let count = 0;
  for (const record of sample) {
    try {
      if (parseHeaderLabels(format, record)) count += 1;
    } catch (error) {
      // A broken label does not fit; if the format is chosen anyway, parsing that record reports it.
      if (!(error instanceof LabelError)) throw error;
    }
  }
  return count;
}
