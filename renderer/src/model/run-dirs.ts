import { joinPath } from './format.ts';

/** A fresh run folder inside the store, named like the engine's own runs so listings sort by time. */
export const newRunDir = (store: string, kind: string): string =>
  joinPath(joinPath(store, 'runs'), `${new Date().toISOString().replace(/[:.]/g, '-')}-${kind}`);
