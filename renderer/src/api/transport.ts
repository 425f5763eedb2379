import type { SeqAtlasApi } from '../../../main/api/contract/api-contract.ts';
import type { DesktopExtras } from './desktop-bridge.ts';
import { httpTransport } from './http-transport.ts';

/** The API plus how this host gets files to the engine: native dialogs on the desktop, uploads in a browser. */
export type Host =
  | { kind: 'desktop'; api: SeqAtlasApi; desktop: DesktopExtras }
  | { kind: 'browser'; api: SeqAtlasApi; upload(file: File): Promise<string> };

const TOKEN_KEY = 'seqatlas.token';

/**
 * Picks the transport once, at start-up: the preload bridge when running in Electron, else HTTP to the server that
 * served this page. The token comes from `?token=` of the printed URL; it is kept for this tab only and removed
 * from the address bar, so it does not end up in history or screenshots.
 */
export function selectHost(): Host | { kind: 'no-token' } {
  const bridge = window.seqatlas;
  if (bridge) return { kind: 'desktop', api: bridge, desktop: bridge.desktop };
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) return { kind: 'no-token' };
  const http = httpTransport(token);
  return { kind: 'browser', api: http, upload: http.upload };
}
