import { existsSync } from 'node:fs';
import { EngineError } from '../shared/engine-error.ts';

/**
 * What the drive under a store did, recognised from Node (`code`), better-sqlite3 (`SQLITE_*` codes) and LanceDB
 * (Rust `os error N` inside the message): a full drive, one that turned read-only, or one that went away. These
 * are the usual failures of a removable drive, and each has its own remedy, so each gets its own one-line message
 * naming the store folder instead of a raw library error.
 */
type DriveFault = 'full' | 'read_only' | 'gone';

const PATTERNS: Array<[DriveFault, RegExp]> = [
  ['full', /\b(ENOSPC|EFBIG|EDQUOT|SQLITE_FULL)\b|No space left on device|File too large|database or disk is full|os error (28|27|122)\b/i],
  ['read_only', /\b(EROFS|EACCES|EPERM|SQLITE_READONLY\w*)\b|Read-only file system|Permission denied|readonly database|os error (30|13|1)\b/i],
  ['gone', /\b(ENOENT|ENXIO|ENODEV|EIO|SQLITE_IOERR\w*|SQLITE_CANTOPEN)\b|disk I\/O error|unable to open database file|No such file or directory|os error (2|5|6|19)\b/i],
];

function faultOf(error: unknown): DriveFault | undefined {
  const code = (error as { code?: unknown })?.code;
  const text = `${typeof code === 'string' ? code : ''} ${error instanceof Error ? error.message : String(error)}`;
  return PATTERNS.find(([, pattern]) => pattern.test(text))?.[0];
}

/**
 * The engine error for a failed write to the store at `storeDir`, or undefined when the failure is not the
 * drive's (then the caller keeps its own error). Every message ends with how to resume, because the job's
 * checkpoint is intact: nothing after the last committed batch was recorded.
 */
export function driveFailure(error: unknown, storeDir: string): EngineError | undefined {
  switch (faultOf(error)) {
    case 'full':
      return new EngineError('store_write_failed', `the drive holding store ${storeDir} is full; free some space (or move the store to a larger drive), then run the same command again to resume`);
    case 'read_only':
      return new EngineError('store_write_failed', `store ${storeDir} is read-only (drive write-protected, remounted read-only or no write permission); make it writable, then run the same command again to resume`);
    case 'gone':
      // SQLite reports most write failures as a bare I/O error (EFBIG included); only a missing folder is "gone".
      return existsSync(storeDir)
        ? new EngineError('store_write_failed', `the drive holding store ${storeDir} failed a write (${firstLine(error)}); check it has space and is connected, then run the same command again to resume`)
        : storeUnreachable(storeDir);
    default:
      return undefined;
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? text).slice(0, 120);
}

export function storeUnreachable(storeDir: string): EngineError {
  return new EngineError('store_missing', `store ${storeDir} became unreachable during the job (drive removed or folder moved); reconnect it, then run the same command again to resume`);
}
