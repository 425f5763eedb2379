import { useEffect, useState, type FormEvent } from 'react';
import { useApp } from '../model/app-context.ts';
import { DRAFT_FIELDS, draftOf, rowOfDraft, type DraftField, type SampleDraft } from '../model/sample-drafts.ts';
import { useCall } from '../model/use-call.ts';
import { ErrorLine } from './error-line.tsx';

/**
 * Per-sample metadata for exports (site, date, coordinates, target gene, primers), saved as the store's
 * samples.tsv; the Export screen's Darwin Core export uses it unless another file is named there.
 */
export function SampleMetadataForm({ store, samples }: { store: string; samples: string[] }) {
  const { host } = useApp();
  const stored = useCall('readSampleMetadata', { store });
  const [drafts, setDrafts] = useState<SampleDraft[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const key = samples.join('\n');

  useEffect(() => {
    // Drafts start from what the store holds, so wait for it: a draft made earlier would hide the saved row.
    if (!stored.data) return;
    const rows = new Map(stored.data.samples.map((row) => [row.sample, row]));
    setDrafts((current) => {
      const names = [...new Set([...key.split('\n').filter(Boolean), ...current.map((d) => d.sample)])];
      return names.map((name) => current.find((d) => d.sample === name) ?? draftOf(name, rows.get(name) ?? null));
    });
  }, [key, stored.data]);

  const edit = (index: number, change: Partial<SampleDraft['cells']> | { sample: string }) => {
    setSaved(null);
    setDrafts((list) => list.map((d, i) => (i !== index ? d : 'sample' in change ? { ...d, sample: change.sample } : { ...d, cells: { ...d.cells, ...change } })));
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const result = await host.api.call('saveSampleMetadata', { store, samples: drafts.map(rowOfDraft) });
      setSaved(`Saved ${result.samples} samples to ${result.path}`);
    } catch (failure) {
      setError((failure as Error).message);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} aria-labelledby="metadata-title">
      <h2 id="metadata-title">Sample metadata <small className="hint">for Darwin Core (GBIF, OBIS) exports; every cell may stay empty</small></h2>
      <table className="report metadata">
        <thead>
          <tr><th>sample</th>{DRAFT_FIELDS.map((f) => <th key={f.key}>{f.label}</th>)}</tr>
        </thead>
        <tbody>
          {drafts.map((draft, i) => (
            <tr key={i}>
              <td><input value={draft.sample} onChange={(e) => edit(i, { sample: e.target.value })} aria-label={`sample name ${i + 1}`} spellCheck={false} /></td>
              {DRAFT_FIELDS.map((f) => (
                <td key={f.key}>
                  <input value={draft.cells[f.key]} onChange={(e) => edit(i, { [f.key]: e.target.value } as Partial<Record<DraftField, string>>)} aria-label={`${f.label} of ${draft.sample || `sample ${i + 1}`}`} placeholder={f.placeholder} spellCheck={false} inputMode={f.key.startsWith('decimal') ? 'decimal' : undefined} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="inline-form">
        <button type="button" onClick={() => setDrafts((list) => [...list, draftOf('', null)])}>Add a sample</button>
        <button type="submit">Save sample metadata</button>
        {saved && <span role="status" data-testid="metadata-saved">{saved}</span>}
      </div>
      <ErrorLine error={error ?? stored.error} />
    </form>
  );
}
