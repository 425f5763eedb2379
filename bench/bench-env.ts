import { cpus, totalmem } from 'node:os';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { APP_ROOT } from '../main/shared/app-paths.ts';

/** Where ../shared/refdata/fetch.sh put the real data (SEQATLAS_REFDATA overrides). */
export function refdataDir(): string {
  const dir = resolve(process.env.SEQATLAS_REFDATA ?? join(APP_ROOT, '..', 'refdata'));
  if (!existsSync(join(dir, '16s', 'gold.train.fasta'))) {
    throw new Error(`reference data not found in ${dir}: run ../shared/refdata/fetch.sh ${dir} (or set SEQATLAS_REFDATA)`);
  }
  return dir;
}

export function machineLine(): string {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  return `${cpus().length} cores (${cpu}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.versions.node}, ${process.platform}-${process.arch}`;
}

export async function timed<T>(work: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const start = performance.now();
  const value = await work();
  return { value, seconds: (performance.now() - start) / 1000 };
}

/**
 * Forgets the leave-one-out fits classify keeps in a store, so that a timed run includes its fit, as a first run
 * against a reference does (README: later runs skip it).
 */
export async function forgetAllKeptFits(store: string): Promise<void> {
  await rm(join(store, 'cache'), { recursive: true, force: true });
}
