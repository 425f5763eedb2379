import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { APP_ROOT } from '../../main/shared/app-paths.ts';

// Electron's binary cannot run on the build machines; these modules only need its types and a few objects.
vi.mock('electron', () => ({}));

const { mainWindowOptions, guardWebContents, lockDownSession, isAppUrl } = await import('../../electron/window-options.ts');
const { RENDERER_CSP } = await import('../../main/server/static-files.ts');

const APP = 'file:///opt/SeqAtlas/resources/app.asar/dist/renderer/index.html';

describe('main window security', () => {
  it('runs the renderer isolated, sandboxed and without Node', () => {
    const prefs = mainWindowOptions('/app/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false, navigateOnDragDrop: false,
    });
  });

  it('blocks navigation away from the app, redirects, webviews and new windows', () => {
    const handlers = new Map<string, (event: { preventDefault(): void }, url: string) => void>();
    let openHandler: (() => { action: string }) | undefined;
    const contents = { on: (name: string, fn: (event: { preventDefault(): void }, url: string) => void) => handlers.set(name, fn), setWindowOpenHandler: (fn: () => { action: string }) => (openHandler = fn) };
    guardWebContents(contents as never, APP);
    const navigate = (event: string, url: string) => {
      let prevented = false;
      handlers.get(event)!({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(navigate('will-navigate', 'https://example.org/')).toBe(true);
    expect(navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate('will-navigate', `${APP}#results`)).toBe(false);
    expect(navigate('will-redirect', 'http://127.0.0.1:9/')).toBe(true);
    expect(navigate('will-attach-webview', APP)).toBe(true);
    expect(openHandler!()).toEqual({ action: 'deny' });
    expect(isAppUrl('file:///somewhere/else/index.html', APP)).toBe(false);
  });

  it('sends the strict CSP, refuses every remote request and every permission', async () => {
    let onHeaders: ((details: { responseHeaders: Record<string, string[]> }, respond: (r: { responseHeaders: Record<string, string[]> }) => void) => void) | undefined;
    let onRequest: ((details: { url: string }, respond: (r: { cancel: boolean }) => void) => void) | undefined;
    let onPermission: ((c: unknown, p: string, respond: (granted: boolean) => void) => void) | undefined;
    lockDownSession({
      webRequest: { onHeadersReceived: (fn: typeof onHeaders) => (onHeaders = fn), onBeforeRequest: (fn: typeof onRequest) => (onRequest = fn) },
      setPermissionRequestHandler: (fn: typeof onPermission) => (onPermission = fn),
    } as never);
    let headers: Record<string, string[]> = {};
    onHeaders!({ responseHeaders: {} }, (r) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']).toEqual([RENDERER_CSP]);
    expect(RENDERER_CSP).toContain("default-src 'self'");
    expect(RENDERER_CSP).not.toMatch(/https?:/);
    // The page loaded from disk carries the same policy in a meta tag (frame-ancestors works only as a header).
    const html = await readFile(join(APP_ROOT, 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1];
    expect(meta).toBe(RENDERER_CSP.replace("; frame-ancestors 'none'", ''));
    const cancelled = (url: string) => {
      let cancel = false;
      onRequest!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(cancelled('https://cdn.plot.ly/plotly.js')).toBe(true);
    expect(cancelled('http://127.0.0.1:7878/api/listModels')).toBe(true);
    expect(cancelled(`${APP.replace('index.html', 'assets/index.js')}`)).toBe(false);
    let granted = true;
    onPermission!(null, 'geolocation', (g) => (granted = g));
    expect(granted).toBe(false);
  });
});
