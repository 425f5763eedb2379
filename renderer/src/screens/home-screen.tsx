import { useEffect, useState, type FormEvent } from 'react';
import type { RecentStore } from '../api/desktop-bridge.ts';
import { ErrorLine } from '../components/error-line.tsx';
import { useApp } from '../model/app-context.ts';
import { formatCount, lastPart } from '../model/format.ts';
import { recentStores, rememberStore } from '../model/recent-stores.ts';
import { useCall } from '../model/use-call.ts';

/** Choose or create the store, see what it holds and reopen a recent run. */
export function HomeScreen() {
  const app = useApp();
  const { host, store, setStore, openRun, openGoRun } = app;
  const [typed, setTyped] = useState(store ?? '');
  const [recent, setRecent] = useState<RecentStore[]>([]);
  const [error, setError] = useState<string | null>(null);
  const info = useCall('storeInfo', store ? { store } : null);
  const runs = useCall('listRuns', store ? { store } : null);

  useEffect(() => {
    void recentStores(host).then(setRecent);
  }, [host, store]);

  const open = async (path: string, create: boolean) => {
    setError(null);
    try {
      await host.api.call(create ? 'createStore' : 'storeInfo', { store: path });
      if (host.kind === 'browser') rememberStore(path);
      setStore(path);
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  const choose = async () => {
    if (host.kind !== 'desktop') return;
    const path = await host.desktop.chooseStore();
    if (path) await open(path, true);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (typed.trim()) void open(typed.trim(), true);
  };

  return (
    <section aria-labelledby="home-title">
      <h1 id="home-title">Store</h1>
      <p className="hint">A store is a folder (on any drive) holding your sequences, embeddings, reference sets and runs.</p>
      {host.kind === 'desktop' ? (
        <button type="button" onClick={() => void choose()}>Choose or create a store folder…</button>
      ) : (
        <form onSubmit={submit} className="inline-form">
          <label htmlFor="store-path">Store folder</label>
          <input id="store-path" value={typed} onChange={(e) => setTyped(e.target.value)} placeholder="/path/to/store" spellCheck={false} />
          <button type="submit">Open or create</button>
        </form>
      )}
      <ErrorLine error={error} />
      {recent.length > 0 && (
        <>
          <h2>Recent stores</h2>
          <ul className="plain-list">
            {recent.map((r) => (
              <li key={r.path}>
                <button type="button" className="link" disabled={!r.available} onClick={() => void open(r.path, false)}>{r.path}</button>
                {!r.available && <span className="warning" role="note"> {r.reason ?? 'not available'}: connect its drive to open it</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {store && info.data && (
        <>
          <h2>{lastPart(store)}</h2>
          <p data-testid="store-summary">
            {info.data.datasets.length} datasets, {formatCount(info.data.datasets.reduce((n, d) => n + d.accepted, 0))} sequences
          </p>
        </>
      )}
      <ErrorLine error={info.error} />
      {runs.data && runs.data.length > 0 && (
        <>
          <h2>Recent runs</h2>
          <ul className="plain-list">
            {runs.data.slice(0, 12).map((run) => (
              <li key={run.id}>
                <span className="tag">{run.kind}</span> {run.finishedAt?.replace('T', ' ').slice(0, 16) ?? run.id}{' '}
                {run.hasAssignments && <button type="button" className="link" onClick={() => openRun(run.dir, 'results')}>results</button>}{' '}
                {run.hasMap && <button type="button" className="link" onClick={() => openRun(run.dir, 'explore')}>map</button>}
                {run.hasGoSummary && <button type="button" className="link" onClick={() => openGoRun(run.dir)}>GO terms</button>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
