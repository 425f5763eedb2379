import { join } from 'node:path';

/**
 * Where the app keeps its settings (recent stores). The portable Windows build keeps them next to its .exe
 * (electron-builder sets PORTABLE_EXECUTABLE_DIR), so the app and its settings travel on the drive with the store;
 * installed builds use Electron's per-user folder.
 */
export function settingsFolder(env: NodeJS.ProcessEnv, userData: string): string {
  const portable = env.PORTABLE_EXECUTABLE_DIR;
  return portable ? join(portable, 'SeqAtlas-settings') : userData;
}
