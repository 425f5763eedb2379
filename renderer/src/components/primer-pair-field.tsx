import type { ReactNode } from 'react';
import { parsePrimerPair, PRIMER_PAIR_FORMAT } from '../../../main/io/primer-region.ts';

/** A primer pair typed as "forward,reverse": undefined when blank (no primers), null until it is two primers. */
export const typedPrimerPair = (text: string) => (text.trim() === '' ? undefined : parsePrimerPair(text));

/** A read-preparation offer's primer pair field (merge pairs, filter reads), inline in its text. */
export function PrimerPairField({ label, ariaLabel, value, onChange }: { label: string; ariaLabel: string; value: string; onChange: (text: string) => void }) {
  return (
    <label>
      {label}{' '}
      <input value={value} onChange={(e) => onChange(e.target.value)} spellCheck={false} aria-label={ariaLabel} placeholder="forward,reverse, e.g. GTGYCAGCMGCCGCGGTAA,GGACTACNVGGGTWTCTAAT" size={44} />
    </label>
  );
}

/** Under a primer pair field: what the primers do, or, while the text is not two primers, the format it wants. */
export function PrimerPairHint({ region, fullRow = false, children }: { region: ReturnType<typeof typedPrimerPair>; fullRow?: boolean; children: ReactNode }) {
  return <p className={`${region === null ? 'warning' : 'hint'}${fullRow ? ' full-row' : ''}`}>{region === null ? PRIMER_PAIR_FORMAT : children}</p>;
}
