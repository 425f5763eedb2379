import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { ToWorker } from '../../electron/worker-protocol.ts';

// Electron cannot run here: ipcMain, dialog and utilityProcess are replaced by stand-ins that record what the shell
// asks of them. The utility process answers the way electron/engine-worker.ts does.
const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
const sent: ToWorker[] = [];
const child = Object.assign(new EventEmitter(), {
  postMessage(message: ToWorker) {
    sent.push(message);
    if (message.type === 'call') queueMicrotask(() => child.emit('message', { type: 'reply', id: message.id, ok: true, result: { answered: message.name } }));
    if (message.type === 'start') queueMicrotask(() => child.emit('message', { type: 'reply', id: message.id, ok: true, result: { jobId: 'job-1' } }));
  },
  kill: () => undefined,
});
const pickedFolder = '/media/field-drive/store';
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => Promise<unknown>) => handlers.set(channel, fn) },
  dialog: { showOpenDialog: async () => ({ canceled: false, filePaths: [pickedFolder] }), showSaveDialog: async () => ({ canceled: true }) },
  utilityProcess: { fork: () => child },
}));

const { registerIpcHandlers } = await import('../../electron/ipc-handlers.ts');
const { EngineHost } = await import('../../electron/engine-host.ts');
const { PathGrants } = await import('../../electron/path-grants.ts');
const { RecentStores } = await import('../../electron/recent-stores.ts');
const { CHANNELS } = await import('../../electron/ipc-channels.ts');

const APP = 'file:///opt/SeqAtlas/dist/renderer/index.html';
const fromApp = { senderFrame: { url: APP } };
const fromElsewhere = { senderFrame: { url: 'https://evil.example/' } };

describe('IPC handlers of the main process', () => {
  const remembered: string[] = [];
  const recent = Object.assign(new RecentStores('/nonexistent/recent.json'), { remember: async (path: string) => void remembered.push(path) });
  registerIpcHandlers({ window: () => null, rendererIndexUrl: APP, engine: new EngineHost('/app/engine-worker.js', () => undefined), grants: new PathGrants(), recent });
  const invoke = (event: unknown, channel: string, ...args: unknown[]) => handlers.get(channel)!(event, ...args);

  it('refuses IPC from any page but the app', async () => {
    expect(await invoke(fromElsewhere, CHANNELS.call, 'listModels', {})).toMatchObject({ ok: false, error: { code: 'bad_request', message: 'IPC from a page that is not the app' } });
    expect(sent).toEqual([]);
  });

  it('refuses a store the user did not pick, then forwards it once picked in the dialog', async () => {
    expect(await invoke(fromApp, CHANNELS.call, 'storeInfo', { store: pickedFolder })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(sent).toEqual([]);
    expect(await invoke(fromApp, CHANNELS.chooseStore)).toEqual({ ok: true, result: pickedFolder });
    expect(remembered).toEqual([pickedFolder]);
    expect(await invoke(fromApp, CHANNELS.call, 'storeInfo', { store: pickedFolder })).toEqual({ ok: true, result: { answered: 'storeInfo' } });
    expect(sent.at(-1)).toMatchObject({ type: 'call', name: 'storeInfo', request: { store: pickedFolder } });
  });

  it('grants a chosen input folder, so the engine may list and read the files below it', async () => {
    expect(await invoke(fromApp, CHANNELS.chooseInputFolder)).toEqual({ ok: true, result: pickedFolder });
    expect(await invoke(fromApp, CHANNELS.call, 'expandInputs', { paths: [`${pickedFolder}/run7`] })).toEqual({ ok: true, result: { answered: 'expandInputs' } });
    expect(await invoke(fromApp, CHANNELS.call, 'expandInputs', { paths: [`${pickedFolder}/run7`, '/etc'] })).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('/etc') } });
  });

  it('grants a chosen label file to a reference build, and refuses a kind of file it does not know', async () => {
    const go = `${pickedFolder}/goa.gaf`;
    const build = { input: `${pickedFolder}/sprot.fasta`, name: 'sprot', model: 'protein-kmer', store: pickedFolder, goAnnotations: '/home/me/goa.gaf' };
    expect(await invoke(fromApp, CHANNELS.startJob, 'buildReference', build)).toMatchObject({ ok: false, error: { message: expect.stringContaining('field "goAnnotations"') } });
    expect(await invoke(fromApp, CHANNELS.chooseLabelFile, 'passwords')).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    // The stand-in dialog picks the store folder; a file below a granted folder is granted with it.
    expect(await invoke(fromApp, CHANNELS.chooseLabelFile, 'goAnnotations')).toEqual({ ok: true, result: pickedFolder });
    expect(await invoke(fromApp, CHANNELS.startJob, 'buildReference', { ...build, goAnnotations: go })).toEqual({ ok: true, result: { jobId: 'job-1' } });
    expect(sent.at(-1)).toMatchObject({ type: 'start', name: 'buildReference', request: { goAnnotations: go } });
  });

  it('validates a job against the contract before the engine process sees it', async () => {
    const before = sent.length;
    expect(await invoke(fromApp, CHANNELS.startJob, 'classify', { input: `${pickedFolder}/reads.fa`, reference: 'no spaces allowed', store: pickedFolder, out: `${pickedFolder}/runs/x` })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    expect(sent.length).toBe(before);
    expect(await invoke(fromApp, CHANNELS.startJob, 'classify', { input: `${pickedFolder}/reads.fa`, reference: 'gold', store: pickedFolder, out: `${pickedFolder}/runs/x` })).toEqual({ ok: true, result: { jobId: 'job-1' } });
    expect(sent.at(-1)).toMatchObject({ type: 'start', name: 'classify', request: { reference: 'gold', overrides: {} } });
    expect(await invoke(fromApp, CHANNELS.cancelJob, '../../etc')).toMatchObject({ ok: false });
    expect(await invoke(fromApp, CHANNELS.cancelJob, 'job-1')).toEqual({ ok: true, result: undefined });
    expect(sent.at(-1)).toEqual({ type: 'cancel', jobId: 'job-1' });
  });
});
