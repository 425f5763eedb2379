import { useCallback, useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import type { InputValidation } from '../../main/api/contract/contract-results.ts';
import type { Host } from './api/transport.ts';
import { AppContext, type AppState, type ScreenId } from './model/app-context.ts';
import { ExploreScreen } from './screens/explore-screen.tsx';
import { ExportScreen } from './screens/export-screen.tsx';
import { HomeScreen } from './screens/home-screen.tsx';
import { ImportScreen } from './screens/import-screen.tsx';
import { ResultsScreen } from './screens/results-screen.tsx';
import { RunScreen } from './screens/run-screen.tsx';
import { keepImported, readImported } from './model/imported-inputs.ts';
import { useTheme } from './model/use-theme.ts';

const SCREENS: { id: ScreenId; label: string }[] = [
  { id: 'home', label: 'Home' },
  { id: 'import', label: 'Import' },
  { id: 'run', label: 'Run' },
  { id: 'results', label: 'Results' },
  { id: 'explore', label: 'Explore' },
  { id: 'export', label: 'Export' },
];

const screenOf: Record<ScreenId, () => React.JSX.Element> = {
  home: HomeScreen, import: ImportScreen, run: RunScreen, results: ResultsScreen, explore: ExploreScreen, export: ExportScreen,
};

/** Screens in a tab bar (arrow keys move between tabs, Alt+1…6 jump), and the state they share. */
export function App({ host }: { host: Host }) {
  const [screen, setScreen] = useState<ScreenId>('home');
  const [store, setStore] = useState<string | null>(null);
  const [inputs, setInputsState] = useState<InputValidation[]>([]);
  // Each store keeps its own checked files across reloads; opening another store shows that store's list.
  useEffect(() => setInputsState(readImported(store)), [store]);
  const setInputs = useCallback((next: InputValidation[]) => {
    setInputsState(next);
    keepImported(store, next);
  }, [store]);
  const [run, setRun] = useState<string | null>(null);
  const [theme, toggleTheme] = useTheme();
  const openRun = useCallback((dir: string, next: ScreenId = 'results') => {
    setRun(dir);
    setScreen(next);
  }, []);
  const [goRun, setGoRun] = useState<string | null>(null);
  const openGoRun = useCallback((dir: string) => {
    setGoRun(dir);
    setScreen('results');
  }, []);
  const state = useMemo<AppState>(
    () => ({ host, store, setStore, inputs, setInputs, run, openRun, goRun, openGoRun, go: setScreen }),
    [host, store, inputs, setInputs, run, openRun, goRun, openGoRun],
  );

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      const n = Number(event.key);
      if (event.altKey && n >= 1 && n <= SCREENS.length) setScreen(SCREENS[n - 1]!.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const onTabKey = (event: KeyboardEvent) => {
    const at = SCREENS.findIndex((s) => s.id === screen);
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    const next = SCREENS[(at + step + SCREENS.length) % SCREENS.length]!;
    setScreen(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  };
  const Screen = screenOf[screen];

  return (
    <AppContext.Provider value={state}>
      <header className="bar">
        <span className="brand">SeqAtlas</span>
        <nav role="tablist" aria-label="screens" onKeyDown={onTabKey}>
          {SCREENS.map((s, i) => (
            <button key={s.id} id={`tab-${s.id}`} role="tab" aria-selected={screen === s.id} tabIndex={screen === s.id ? 0 : -1} title={`Alt+${i + 1}`} onClick={() => setScreen(s.id)}>
              {s.label}
            </button>
          ))}
        </nav>
        <span className="store-path" title={store ?? ''}>{store ?? 'no store open'}</span>
        <button type="button" className="theme" onClick={toggleTheme} aria-label={`switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}>{theme === 'dark' ? '☀' : '☾'}</button>
      </header>
      <main role="tabpanel" aria-labelledby={`tab-${screen}`} data-screen={screen}>
        {/* A screen's state belongs to one store (its interrupted job, its forms): opening another starts it afresh. */}
        <Screen key={store ?? ''} />
      </main>
    </AppContext.Provider>
  );
}
