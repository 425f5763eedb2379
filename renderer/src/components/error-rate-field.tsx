import { MAX_READ_ERROR_RATE } from '../../../main/classify/read-error-bound.ts';

/** Most sequencing errors a run may state, in percent: the engine's bound. */
const MOST_PERCENT = 100 * MAX_READ_ERROR_RATE;

/**
 * The reads' sequencing errors in percent (as people quote accuracy), for classify's calibration and train; blank
 * leaves the engine's default. The grid's label and input, as the Run screen's other fields.
 */
export function ErrorRateField({ id, label, placeholder, value, onChange }: {
  id: string; label: string; placeholder: string; value: number | ''; onChange: (percent: number | '') => void;
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id} type="number" min={0} max={MOST_PERCENT} step={0.5} placeholder={placeholder}
        value={value} onChange={(e) => onChange(e.target.value === '' ? '' : Math.min(MOST_PERCENT, Math.max(0, Number(e.target.value))))}
      />
    </>
  );
}
