import { dialog, ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { JobIdRequest } from '../main/api/contract/api-contract.ts';
import { parseRequest } from '../main/api/parse-request.ts';
import { EngineError } from '../main/shared/engine-error.ts';
import type { EngineHost } from './engine-host.ts';
import { CHANNELS } from './ipc-channels.ts';
import { checkedCall, checkedJob, reply } from './ipc-requests.ts';
import type { PathGrants } from './path-grants.ts';
import type { RecentStores } from './recent-stores.ts';
import { isAppUrl } from './window-options.ts';
import type { LabelFileKind } from '../renderer/src/api/desktop-bridge.ts';

const SEQUENCE_FILTERS = [{ name: 'FASTA / FASTQ', extensions: ['fa', 'fasta', 'fna', 'fq', 'fastq', 'gz'] }, { name: 'All files', extensions: ['*'] }];
const ALL_FILES = { name: 'All files', extensions: ['*'] };
/** The dialog for each side file of a reference build or a classification (the request field it fills). */
const LABEL_FILE_DIALOGS: Record<LabelFileKind, { title: string; filters: { name: string; extensions: string[] }[] }> = {
  taxonomy: { title: 'Taxonomy file (id and lineage or taxid)', filters: [{ name: 'TSV / text', extensions: ['tsv', 'txt', 'tax'] }, ALL_FILES] },
  goAnnotations: { title: 'GO annotations (GAF or TSV)', filters: [{ name: 'GAF / TSV', extensions: ['gaf', 'gpa', 'tsv', 'txt', 'gz'] }, ALL_FILES] },
  ontology: { title: 'Gene Ontology (OBO or GO SQLite)', filters: [{ name: 'OBO / SQLite', extensions: ['obo', 'sqlite', 'db'] }, ALL_FILES] },
  counts: { title: 'Count table (ASVs/OTUs × samples)', filters: [{ name: 'TSV / CSV', extensions: ['tsv', 'txt', 'csv'] }, ALL_FILES] },
};

export interface IpcContext {
  window: () => BrowserWindow | null;
  rendererIndexUrl: string;
  engine: EngineHost;
  grants: PathGrants;
  recent: RecentStores;
}

/** Every IPC entry point of the app. Each checks that the sender is the app's own page before anything else. */
export function registerIpcHandlers(context: IpcContext): void {
  const { engine, grants, recent } = context;
  const handle = <T>(channel: string, work: (...args: unknown[]) => Promise<T> | T) => {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, ...args: unknown[]) =>
      reply(() => {
        if (!event.senderFrame || !isAppUrl(event.senderFrame.url, context.rendererIndexUrl)) throw new EngineError('bad_request', 'IPC from a page that is not the app');
        return work(...args);
      }),
    );
  };

  handle(CHANNELS.call, (name, request) => {
    const call = checkedCall(name, request, grants);
    return engine.call(call.name, call.request);
  });
  handle(CHANNELS.startJob, (name, request) => {
    const job = checkedJob(name, request, grants);
    return engine.start(job.name, job.request);
  });
  handle(CHANNELS.cancelJob, (jobId) => engine.cancel(parseRequest(JobIdRequest, { jobId }, 'cancel').jobId));
  handle(CHANNELS.chooseStore, async () => {
    const picked = await dialog.showOpenDialog(context.window()!, { title: 'Choose or create a SeqAtlas store folder', properties: ['openDirectory', 'createDirectory'] });
    const path = picked.canceled ? null : picked.filePaths[0] ?? null;
    if (path) {
      grants.grant(path);
      await recent.remember(path);
    }
    return path;
  });
  handle(CHANNELS.recentStores, async () => {
    const list = await recent.list();
    // A recent store is the user's earlier choice: reopening it needs no new dialog.
    for (const entry of list) if (entry.available) grants.grant(entry.path);
    return list;
  });
  handle(CHANNELS.chooseInputFiles, async () => {
    const picked = await dialog.showOpenDialog(context.window()!, { title: 'Sequence files', properties: ['openFile', 'multiSelections'], filters: SEQUENCE_FILTERS });
    for (const path of picked.filePaths) grants.grant(path);
    return picked.canceled ? [] : picked.filePaths;
  });
  handle(CHANNELS.chooseInputFolder, async () => {
    // A separate dialog: on Windows and Linux one dialog cannot pick files and folders at once.
    const picked = await dialog.showOpenDialog(context.window()!, { title: 'Folder of sequence files', properties: ['openDirectory'] });
    const folder = picked.canceled ? undefined : picked.filePaths[0];
    if (folder) grants.grant(folder);
    return folder ?? null;
  });
  handle(CHANNELS.chooseLabelFile, async (kind) => {
    const which = parseRequest(z.enum(Object.keys(LABEL_FILE_DIALOGS) as [LabelFileKind, ...LabelFileKind[]]), kind, 'label file');
    const picked = await dialog.showOpenDialog(context.window()!, { ...LABEL_FILE_DIALOGS[which], properties: ['openFile'] });
    const path = picked.canceled ? undefined : picked.filePaths[0];
    if (path) grants.grant(path);
    return path ?? null;
  });
  handle(CHANNELS.chooseSavePath, async (defaultName) => {
    const name = parseRequest(z.string().max(200), defaultName, 'save');
    const picked = await dialog.showSaveDialog(context.window()!, { defaultPath: name });
    if (picked.canceled || !picked.filePath) return null;
    grants.grant(picked.filePath);
    return picked.filePath;
  });
  handle(CHANNELS.grantDropped, (paths) => {
    // Paths come from webUtils.getPathForFile in the preload: only files the OS really dropped on the window have one.
    const list = parseRequest(z.array(z.string().min(1)).max(1000), paths, 'drop');
    for (const path of list) grants.grant(path);
    return list;
  });
}
