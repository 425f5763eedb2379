import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * The system Chromium the UI tests drive (never a downloaded one: the build machines are offline). A missing
 * browser fails the suite with the command that installs it, rather than skipping it silently.
 */
export function chromiumPath(): string {
  const candidates = [process.env.SEQATLAS_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => Boolean(p));
  for (const path of candidates) if (existsSync(path)) return path;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
    } catch {
      // not on PATH under this name: try the next
    }
  }
  throw new Error('Chromium is not installed, and the UI tests need it: sudo apt-get install -y chromium (or set SEQATLAS_CHROMIUM to its path)');
}

/** Flags for a headless, offline, throw-away browser profile. */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
