import type { SeqAtlasApi } from '../../../main/api/contract/api-contract.ts';

/** A store folder the desktop app remembers; `available` is false when its drive is not plugged in. */
export interface RecentStore {
  path: string;
  available: boolean;
  /** Why it is unavailable ('drive missing', 'folder missing'). */
  reason?: string;
}

/** The side files a reference build takes, as ReferenceBuildRequest names them, and a classification's count table. */
export type LabelFileKind = 'taxonomy' | 'goAnnotations' | 'ontology' | 'counts';

/** What only the desktop app can do: native dialogs, which are also what grants the engine access to a path. */
export interface DesktopExtras {
  chooseStore(): Promise<string | null>;
  recentStores(): Promise<RecentStore[]>;
  chooseInputFiles(): Promise<string[]>;
  /** A folder whose sequence files (found by the engine's expandInputs) are imported together. */
  chooseInputFolder(): Promise<string | null>;
  /** A side file of labels for a reference build (taxonomy TSV, GO annotations, the ontology). */
  chooseLabelFile(kind: LabelFileKind): Promise<string | null>;
  chooseSavePath(defaultName: string): Promise<string | null>;
  /** Grants access to files dropped on the window (Electron gives their paths through webUtils in the preload). */
  pathsOfDroppedFiles(files: File[]): Promise<string[]>;
}

/** `window.seqatlas`, exposed by electron/preload.ts through contextBridge. */
export type DesktopBridge = SeqAtlasApi & { desktop: DesktopExtras };

declare global {
  interface Window {
    seqatlas?: DesktopBridge;
  }
}
