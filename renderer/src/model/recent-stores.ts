import type { RecentStore } from '../api/desktop-bridge.ts';
import type { Host } from '../api/transport.ts';

const KEY = 'seqatlas.recentStores';
const KEPT = 8;

/** Recent stores: the desktop app's list (which knows whether each drive is present), else this browser's. */
export async function recentStores(host: Host): Promise<RecentStore[]> {
  if (host.kind === 'desktop') return host.desktop.recentStores();
  const paths = JSON.parse(localStorage.getItem(KEY) ?? '[]') as string[];
  return paths.map((path) => ({ path, available: true }));
}

/** Remembered in the browser; the desktop app's main process records stores itself when they are chosen. */
export function rememberStore(path: string): void {
  const paths = (JSON.parse(localStorage.getItem(KEY) ?? '[]') as string[]).filter((p) => p !== path);
  localStorage.setItem(KEY, JSON.stringify([path, ...paths].slice(0, KEPT)));
}
