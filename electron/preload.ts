/**
 * The renderer's only way out: one typed object on `window.seqatlas` (contextBridge). Runs sandboxed, so it can
 * use nothing but `electron`'s renderer modules; it is bundled to CommonJS (electron/vite.config.ts).
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { SeqAtlasApi } from '../main/api/contract/api-contract.ts';
import type { JobEvent } from '../main/api/job-events.ts';
import type { DesktopBridge } from '../renderer/src/api/desktop-bridge.ts';
import { CHANNELS, type IpcReply } from './ipc-channels.ts';

/** Rebuilds the engine's error on this side, with its code, from the main process's reply. */
async function invoke<T>(channel: string, ...args: unknown[]): Promise<T> {
  const answer = (await ipcRenderer.invoke(channel, ...args)) as IpcReply<T>;
  if (answer.ok) return answer.result;
  throw Object.assign(new Error(answer.error.message), { code: answer.error.code });
}

const listeners = new Map<string, Set<(event: JobEvent) => void>>();
/** Events per job, replayed to a subscriber that arrives after the job started (as the HTTP server does). */
const history = new Map<string, JobEvent[]>();
const KEPT_EVENTS = 500;
ipcRenderer.on(CHANNELS.jobEvent, (_event, jobEvent: JobEvent) => {
  const events = history.get(jobEvent.jobId) ?? [];
  events.push(jobEvent);
  if (events.length > KEPT_EVENTS) events.splice(1, events.length - KEPT_EVENTS);
  history.set(jobEvent.jobId, events);
  for (const listener of listeners.get(jobEvent.jobId) ?? []) listener(jobEvent);
});

const api: SeqAtlasApi = {
  call: (name, request) => invoke(CHANNELS.call, name, request),
  startJob: (name, request) => invoke(CHANNELS.startJob, name, request),
  cancelJob: (jobId) => invoke(CHANNELS.cancelJob, jobId),
  subscribe(jobId, onEvent) {
    const set = listeners.get(jobId) ?? new Set();
    for (const event of history.get(jobId) ?? []) onEvent(event);
    set.add(onEvent);
    listeners.set(jobId, set);
    return () => set.delete(onEvent);
  },
};

const bridge: DesktopBridge = {
  ...api,
  desktop: {
    chooseStore: () => invoke(CHANNELS.chooseStore),
    recentStores: () => invoke(CHANNELS.recentStores),
    chooseInputFiles: () => invoke(CHANNELS.chooseInputFiles),
    chooseInputFolder: () => invoke(CHANNELS.chooseInputFolder),
    chooseLabelFile: (kind) => invoke(CHANNELS.chooseLabelFile, kind),
    chooseSavePath: (defaultName) => invoke(CHANNELS.chooseSavePath, defaultName),
    pathsOfDroppedFiles: (files) => invoke(CHANNELS.grantDropped, files.map((file) => webUtils.getPathForFile(file)).filter(Boolean)),
  },
};

contextBridge.exposeInMainWorld('seqatlas', bridge);
