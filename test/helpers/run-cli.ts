import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const CLI = resolve('bin/seqatlas.js');

/** Runs the real `seqatlas` CLI in a child process, as a user would. */
export function seqatlas(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
