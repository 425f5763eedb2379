/**
 * The desktop app's main process: one window, the engine in a utility process, IPC checked against the contract.
 * Built with electron/vite.config.ts into dist/electron.
 */
import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SEQATLAS_VERSION } from '../main/shared/version.ts';
import { menuTemplate } from './app-menu.ts';
import { EngineHost } from './engine-host.ts';
import { CHANNELS } from './ipc-channels.ts';
import { registerIpcHandlers } from './ipc-handlers.ts';
import { PathGrants } from './path-grants.ts';
import { RecentStores } from './recent-stores.ts';
import { settingsFolder } from './settings-folder.ts';
import { guardWebContents, lockDownSession, mainWindowOptions } from './window-options.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const appRoot = join(here, '..', '..');
const rendererIndexUrl = pathToFileURL(join(appRoot, 'dist', 'renderer', 'index.html')).href;

if (!app.requestSingleInstanceLock()) {
  // A second launch only brings the first window forward: two instances would fight over the same store lock.
  app.quit();
} else {
  let window: BrowserWindow | null = null;
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.setPath('userData', settingsFolder(process.env, app.getPath('userData')));

  void app.whenReady().then(() => {
    lockDownSession(session.defaultSession);
    const engine = new EngineHost(join(here, 'engine-worker.js'), (event) => window?.webContents.send(CHANNELS.jobEvent, event));
    registerIpcHandlers({ window: () => window, rendererIndexUrl, engine, grants: new PathGrants(), recent: new RecentStores(join(app.getPath('userData'), 'recent-stores.json')) });
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(process.platform, SEQATLAS_VERSION, () => {
      void dialog.showMessageBox({ title: 'SeqAtlas', message: `SeqAtlas ${SEQATLAS_VERSION}`, detail: 'Offline embedding, reference lookup and discovery for eDNA barcodes and proteins.' });
    })));

    window = new BrowserWindow(mainWindowOptions(join(here, 'preload.cjs')));
    guardWebContents(window.webContents, rendererIndexUrl);
    window.once('ready-to-show', () => window?.show());
    void window.loadURL(rendererIndexUrl);

    // Quitting while a job runs: the job commits its batch and checkpoint, then the app exits (resumable later).
    let quitting = false;
    app.on('before-quit', (event) => {
      if (quitting) return;
      event.preventDefault();
      quitting = true;
      void engine.shutdown().finally(() => app.exit(0));
    });
  });
  app.on('window-all-closed', () => app.quit());
}
