import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { RENDERER_CSP } from '../main/server/static-files.ts';

/**
 * The main window's options. The renderer is untrusted as far as the file system goes: no Node, a sandboxed
 * preload that exposes only the typed API, and context isolation so page scripts cannot reach the preload's objects.
 */
export function mainWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1400,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'SeqAtlas',
    show: false,
    backgroundColor: '#15191d',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/** True for the app's own pages (the built renderer loaded from disk); everything else is remote content. */
export const isAppUrl = (url: string, rendererIndexUrl: string): boolean => {
  const page = new URL(url);
  const app = new URL(rendererIndexUrl);
  return page.protocol === app.protocol && page.pathname === app.pathname;
};

/** No navigation away from the app, no new windows, no webviews: a link or a dropped file cannot replace the UI. */
export function guardWebContents(contents: WebContents, rendererIndexUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, rendererIndexUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, rendererIndexUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * The same Content-Security-Policy as `seqatlas serve` sends, on every response the window gets, and no request to
 * any host: the app works offline by design, so anything remote is a bug or an attack.
 */
export function lockDownSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, respond) => {
    respond({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP] } });
  });
  session.webRequest.onBeforeRequest((details, respond) => {
    const protocol = new URL(details.url).protocol;
    respond({ cancel: !(protocol === 'file:' || protocol === 'devtools:' || protocol === 'blob:' || protocol === 'data:') });
  });
  session.setPermissionRequestHandler((_contents, _permission, respond) => respond(false));
}
