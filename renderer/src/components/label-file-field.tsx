import type { LabelFileKind } from '../api/desktop-bridge.ts';
import { useApp } from '../model/app-context.ts';

/**
 * A side file of a reference build: a path on this machine, typed or (in the desktop app) chosen in a dialog, which
 * is also what lets the engine read it there.
 */
export function LabelFileField({ kind, label, value, onChange, placeholder }: { kind: LabelFileKind; label: string; value: string; onChange: (path: string) => void; placeholder: string }) {
  const { host } = useApp();
  const id = `run-${kind}`;
  const choose = async () => {
    if (host.kind !== 'desktop') return;
    const path = await host.desktop.chooseLabelFile(kind);
    if (path) onChange(path);
  };
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <span className="path-field">
        <input id={id} value={value} onChange={(e) => onChange(e.target.value)} placeholder={placeholder} spellCheck={false} />
        {host.kind === 'desktop' && <button type="button" onClick={() => void choose()}>Choose…</button>}
      </span>
    </>
  );
}
