import { open, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { EngineError } from '../shared/engine-error.ts';

const LOCK_FILE = 'store.lock';

interface LockOwner {
  pid: number;
  host: string;
  since: string;
  purpose: string;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One writer per store. Two jobs appending to the same LanceDB tables and checkpoint rows could each resume the
 * other's half-written batches, so the second is refused with a message naming the holder. A lock left by a
 * process that died (kill -9, power loss) on this machine is taken over; one held from another machine (a shared
 * drive) is never guessed stale.
 */
export async function acquireStoreLock(storeDir: string, purpose: string): Promise<() => Promise<void>> {
  const path = join(storeDir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString(), purpose };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(JSON.stringify(me));
      await handle.sync();
      await handle.close();
      return async () => {
        await unlink(path).catch(() => undefined);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new EngineError('store_write_failed', `cannot lock store ${storeDir}: ${(error as Error).message}`);
      }
      const owner = await readOwner(path);
      if (owner && (owner.host !== me.host || processAlive(owner.pid))) {
        throw new EngineError(
          'store_locked',
          `store ${storeDir} is in use by another SeqAtlas job (${owner.purpose}, pid ${owner.pid} on ${owner.host} since ${owner.since}); wait for it to finish or stop it`,
        );
      }
      await unlink(path).catch(() => undefined);
    }
  }
  throw new EngineError('store_locked', `store ${storeDir}: could not take the store lock`);
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LockOwner;
  } catch {
    // An empty or torn lock file is what a crash during acquisition leaves: treat it as stale.
    return undefined;
  }
}
