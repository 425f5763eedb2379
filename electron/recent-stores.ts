import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, parse } from 'node:path';

const KEPT = 8;

export interface RecentStoreEntry {
  path: string;
  /** False when the folder's drive is absent (a removable drive not plugged in) or the folder is gone. */
  available: boolean;
  /** Why it is unavailable, for the warning shown beside it. */
  reason?: 'drive missing' | 'folder missing';
}

/** Recent store folders, in a JSON file under the app's settings folder (next to the exe for the portable build). */
export class RecentStores {
  constructor(private readonly file: string) {}

  async list(): Promise<RecentStoreEntry[]> {
    const paths = await readFile(this.file, 'utf8').then((text) => JSON.parse(text) as unknown, () => []);
    if (!Array.isArray(paths)) return [];
    return paths.filter((p): p is string => typeof p === 'string').map((path) => {
      if (existsSync(path)) return { path, available: true };
      return { path, available: false, reason: existsSync(parse(path).root) ? 'folder missing' : 'drive missing' };
    });
  }

  async remember(path: string): Promise<void> {
    const kept = (await this.list()).map((entry) => entry.path).filter((p) => p !== path);
    await mkdir(dirname(this.file), { recursive: true });
    await writeFile(this.file, `${JSON.stringify([path, ...kept].slice(0, KEPT), null, 2)}\n`);
  }
}
