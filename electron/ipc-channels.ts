/** IPC channel names, shared by the preload and the main process. */
export const CHANNELS = {
  call: 'seqatlas:call',
  startJob: 'seqatlas:start-job',
  cancelJob: 'seqatlas:cancel-job',
  jobEvent: 'seqatlas:job-event',
  chooseStore: 'seqatlas:choose-store',
  recentStores: 'seqatlas:recent-stores',
  chooseInputFiles: 'seqatlas:choose-input-files',
  chooseInputFolder: 'seqatlas:choose-input-folder',
  chooseLabelFile: 'seqatlas:choose-label-file',
  chooseSavePath: 'seqatlas:choose-save-path',
  grantDropped: 'seqatlas:grant-dropped',
} as const;

/** What every invoke returns: errors travel as data, since Electron flattens thrown errors to a message string. */
export type IpcReply<T> = { ok: true; result: T } | { ok: false; error: { code: string; message: string } };
