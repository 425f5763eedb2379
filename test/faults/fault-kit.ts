import { spawn, spawnSync } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { TaskMeta } from 'vitest';
import { readTable, readVectors } from '../helpers/store-readers.ts';
import type { FaultRow } from './fault-table.ts';

const CLI = resolve('bin/seqatlas.js');
export const SAMPLE_16S = resolve('resources/samples/16s-sample.fasta');

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The error line the CLI printed (`error: …`), without the prefix. */
  error: string | undefined;
}

export interface CliOptions {
  /** Called once with each stdout chunk; may act on the child (kill it, pull its drive) mid-job. */
  onStdout?: (text: string, child: { kill: () => void }) => void;
  /** kill -9 the child this many ms after it was spawned. */
  killAfterMs?: number;
  /** Wraps the command, e.g. `['prlimit', '--fsize=…', '--']` or a uid switch. */
  prefix?: string[];
}

/**
 * Runs the real `seqatlas` CLI as a child process. A hard 90 s watchdog turns a hang into a visible failure
 * (signal SIGKILL with no kill of ours) instead of a stuck suite.
 */
export function cli(args: string[], options: CliOptions = {}): Promise<CliRun> {
  const [command, ...prefixArgs] = options.prefix ?? [];
  const argv = [...prefixArgs, ...(command ? [process.execPath] : []), CLI, ...args];
  return new Promise((done) => {
    const child = spawn(command ?? process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, SEQATLAS_DEBUG: '' } });
    let stdout = '';
    let stderr = '';
    const watchdog = setTimeout(() => child.kill('SIGKILL'), 90_000);
    const killer = options.killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      options.onStdout?.(stdout, { kill: () => child.kill('SIGKILL') });
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // A prefix command that is not installed (prlimit, setpriv) fails the run visibly instead of hanging it.
    child.on('error', (error) => done({ code: null, signal: null, stdout, stderr: error.message, error: error.message }));
    child.on('exit', (code, signal) => {
      clearTimeout(watchdog);
      clearTimeout(killer);
      const error = stderr.split('\n').find((l) => l.startsWith('error: '))?.slice('error: '.length)
        ?? (stdout.split('\n').map((l) => (l.startsWith('{"type":"error"') ? (JSON.parse(l) as { message: string }).message : undefined)).find(Boolean));
      done({ code, signal, stdout, stderr, error });
    });
  });
}

/** Seeded PRNG (mulberry32), so a failing trial can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// --- the suite's figures ---------------------------------------------------------------------------------------

declare module 'vitest' {
  interface TaskMeta {
    fault?: FaultRow;
  }
}

/** Attaches a scenario's figures to its test; test/helpers/summary-reporter.ts prints them as one table. */
export function recordFault(meta: TaskMeta, row: FaultRow): void {
  meta.fault = row;
}

// --- store checks ----------------------------------------------------------------------------------------------

/** What a store holds, by the catalog and by LanceDB, to compare before and after a refused job. */
export async function storeFootprint(store: string): Promise<Record<string, unknown>> {
  const present = await stat(join(store, 'store.json')).then(() => true, () => false);
  if (!present) return { present };
  const catalog = new Database(join(store, 'catalog.sqlite'), { readonly: true });
  const tables = ['datasets', 'jobs', 'embeddings', 'import_issues', 'reference_sets', 'reference_taxonomy', 'reference_go'];
  const counts = Object.fromEntries(tables.map((t) => [t, (catalog.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
  const jobs = catalog.prepare('SELECT id, status, last_batch FROM jobs ORDER BY id').all();
  catalog.close();
  const lanceTables = (await readdir(join(store, 'lance'))).filter((n) => n.endsWith('.lance')).sort();
  const rows: Record<string, number> = {};
  for (const t of lanceTables) rows[t] = (await readTable(store, t.replace(/\.lance$/, ''))).length;
  return { present, counts, jobs, rows };
}

/**
 * Checks a finished store against a clean run's: the same ids, each stored exactly once, equal vectors, and a
 * catalog that agrees (job done, dataset ready, counts). Returns how many of the clean run's records are missing.
 */
export async function compareWithClean(store: string, clean: string, table: string): Promise<{ lost: number; problems: string[] }> {
  const problems: string[] = [];
  const expected = await readVectors(clean, table);
  let actual: Map<string, Float32Array>;
  try {
    actual = await readVectors(store, table);
  } catch (error) {
    return { lost: expected.size, problems: [(error as Error).message] };
  }
  let lost = 0;
  for (const [id, vector] of expected) {
    const got = actual.get(id);
    if (!got) lost += 1;
    else if (got.length !== vector.length || got.some((v, i) => v !== vector[i])) problems.push(`vector of ${id} differs`);
  }
  if (actual.size !== expected.size) problems.push(`${actual.size} vectors, expected ${expected.size}`);
  const sequences = await readTable(store, 'sequences');
  const ids = sequences.map((r) => r.seq_id as string);
  if (new Set(ids).size !== ids.length) problems.push('a sequence is stored twice');
  if (ids.length !== expected.size) problems.push(`${ids.length} sequences, expected ${expected.size}`);
  const catalog = new Database(join(store, 'catalog.sqlite'), { readonly: true });
  const jobs = catalog.prepare('SELECT id, status, records_done FROM jobs').all() as { id: string; status: string; records_done: number }[];
  const datasets = catalog.prepare('SELECT status, accepted FROM datasets').all() as { status: string; accepted: number }[];
  const embeddings = catalog.prepare('SELECT count FROM embeddings').all() as { count: number }[];
  catalog.close();
  if (jobs.some((j) => j.status !== 'done' || j.records_done !== expected.size)) problems.push(`jobs ${JSON.stringify(jobs)}`);
  if (datasets.some((d) => d.status !== 'ready' || d.accepted !== expected.size)) problems.push(`datasets ${JSON.stringify(datasets)}`);
  if (embeddings.some((e) => e.count !== expected.size)) problems.push(`embeddings ${JSON.stringify(embeddings)}`);
  return { lost, problems };
}

/**
 * The invariant a kill must leave: every checkpointed batch is fully in LanceDB (rows of later batches may be
 * there too; resume deletes them). Returns a problem or undefined.
 */
export async function checkpointHolds(store: string, table: string): Promise<string | undefined> {
  const present = await stat(join(store, 'catalog.sqlite')).then(() => true, () => false);
  if (!present) return undefined;
  const catalog = new Database(join(store, 'catalog.sqlite'), { readonly: true });
  // A kill while the store was being created can leave the catalog file before its schema commits: nothing was.
  const created = (catalog.pragma('user_version', { simple: true }) as number) > 0;
  const job = created ? (catalog.prepare("SELECT last_batch, records_done FROM jobs WHERE kind = 'embed'").get() as { last_batch: number; records_done: number } | undefined) : undefined;
  catalog.close();
  if (!job || job.last_batch < 0) return undefined;
  const rows = (await readTable(store, table)).filter((r) => Number(r.batch) <= job.last_batch);
  return rows.length === job.records_done ? undefined : `checkpoint says ${job.records_done} records by batch ${job.last_batch}, LanceDB holds ${rows.length}`;
}

// --- mounts ----------------------------------------------------------------------------------------------------

/** Mounts a tmpfs of `size` (e.g. "600k") on `dir`; false where mounting is not permitted (non-root CI). */
export function mountTmpfs(dir: string, size: string): boolean {
  return spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0777`, 'tmpfs', dir]).status === 0;
}

export function resizeTmpfs(dir: string, size: string): void {
  const run = spawnSync('mount', ['-o', `remount,size=${size}`, dir], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`remount ${dir}: ${run.stderr}`);
}

/** Unmounts, lazily if something still holds the mount, so a failed test never leaves a mount behind. */
export function unmount(dir: string): void {
  if (spawnSync('umount', [dir]).status !== 0) spawnSync('umount', ['-l', dir]);
}

export const isRoot = process.getuid?.() === 0;
