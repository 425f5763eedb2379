import { createContext, useContext } from 'react';
import type { InputValidation } from '../../../main/api/contract/contract-results.ts';
import type { Host } from '../api/transport.ts';

export type ScreenId = 'home' | 'import' | 'run' | 'results' | 'explore' | 'export';

/** What the screens share: the host, the open store, the validated inputs and the run on display. */
export interface AppState {
  host: Host;
  store: string | null;
  setStore(store: string): void;
  inputs: InputValidation[];
  setInputs(inputs: InputValidation[]): void;
  run: string | null;
  openRun(run: string, screen?: ScreenId): void;
  /** The GO annotation run on display in Results (beside the classification, which Explore and Export use). */
  goRun: string | null;
  openGoRun(run: string): void;
  go(screen: ScreenId): void;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const state = useContext(AppContext);
  if (!state) throw new Error('useApp outside <AppContext>');
  return state;
}
