import { chmod, mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../main/api/engine.ts';
import { cli, compareWithClean, isRoot, mountTmpfs, recordFault, resizeTmpfs, SAMPLE_16S, unmount, type CliOptions } from './fault-kit.ts';

/**
 * A store on a drive that fills up, goes away or turns read-only in the middle of an embedding job (the bundled
 * dna-kmer model, 4 records per batch: 50 commits). Each time: one clear error line naming the store, no crash
 * or hang (cli's watchdog), the store still opens, and the same command resumes to the clean run's store.
 */
const TABLE = 'emb_dna_kmer_l0';
let root: string;
let clean: string;
const mounts: string[] = [];

const embedArgs = (store: string) => ['embed', '--input', SAMPLE_16S, '--model', 'dna-kmer', '--store', store, '--max-batch', '4', '--device', 'cpu', '--json'];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'seqatlas-drive-'));
  // The read-only trial runs the CLI as an unprivileged user (root ignores permissions), who must reach its store.
  await chmod(root, 0o777);
  clean = join(root, 'clean');
  // In-process for speed: the CLI and the Engine run the same job with the same batches.
  await new Engine().embed({ input: SAMPLE_16S, store: clean, model: 'dna-kmer', device: 'cpu', batch: { maxBatchSize: 4 } });
});

afterAll(async () => {
  // Unmount even when a test failed half-way, then remove everything.
  for (const dir of mounts.splice(0)) unmount(dir);
  await rm(root, { recursive: true, force: true });
});

/** Runs the job, applies `fault` at its first committed batch, and returns the failed run. */
function embedWithFault(store: string, fault: () => Promise<void> | void, options: CliOptions = {}) {
  let fired = false;
  return cli(embedArgs(store), {
    ...options,
    onStdout: (text) => {
      if (fired || !text.includes('"type":"progress"')) return;
      fired = true;
      void fault();
    },
  });
}

async function resumeAndCompare(store: string, options: CliOptions = {}): Promise<{ lost: number; problems: string[] }> {
  const problems: string[] = await new Engine().storeInfo(store).then(() => [], (error: Error) => [`store does not open after the fault: ${error.message}`]);
  const resumed = await cli(embedArgs(store), options);
  if (resumed.code !== 0) problems.push(`resume failed: ${resumed.error}`);
  const compared = await compareWithClean(store, clean, TABLE);
  return { lost: compared.lost, problems: [...problems, ...compared.problems] };
}

describe('disk full', () => {
  it('stops with one line naming the store, keeps it openable, resumes after space is freed', async ({ task }) => {
    const mnt = join(root, 'usb');
    await mkdir(mnt);
    const results: { lost: number; problems: string[] }[] = [];
    let how: string;
    if (mountTmpfs(mnt, '600k')) {
      mounts.push(mnt);
      how = 'tmpfs (full in LanceDB, full at a SQLite checkpoint, remounted bigger; a filler file deleted)';
      // Two sizes: full while writing LanceDB, and at a SQLite checkpoint (bench/faults-soak.ts tries more).
      for (const [i, size] of ['600k', '1200k'].entries()) {
        if (i > 0) resizeTmpfs(mnt, size);
        const store = join(mnt, `store-${size}`);
        const failed = await cli(embedArgs(store));
        const lineOk = failed.code === 1 && /the drive holding store .* is full/.test(failed.error ?? '') && (failed.error ?? '').includes(store);
        resizeTmpfs(mnt, '16m');
        const result = await resumeAndCompare(store);
        if (!lineOk) result.problems.push(`error line: ${failed.error ?? failed.stderr}`);
        results.push(result);
        await rm(store, { recursive: true, force: true });
      }
      // A filler file leaves ~300 KiB; deleting it frees the space, as a user would.
      resizeTmpfs(mnt, '4m');
      const filler = join(mnt, 'filler.bin');
      await writeFile(filler, Buffer.alloc(4 * 1024 * 1024 - 300 * 1024));
      const store = join(mnt, 'store-filler');
      const failed = await cli(embedArgs(store));
      await rm(filler);
      const result = await resumeAndCompare(store);
      // SQLite reports EFBIG as a plain I/O error, so this line may name a failed write rather than a full drive.
      if (failed.code !== 1 || !/is full|failed a write/.test(failed.error ?? '')) result.problems.push(`error line: ${failed.error ?? failed.stderr}`);
      results.push(result);
    } else {
      // Not permitted to mount (non-root CI): a real EFBIG from the kernel, with the file-size limit on the child.
      how = 'prlimit --fsize (no tmpfs: mount not permitted)';
      const store = join(root, 'fsize-store');
      const failed = await cli(embedArgs(store), { prefix: ['prlimit', '--fsize=150000', '--'] });
      const result = await resumeAndCompare(store);
      // SQLite reports EFBIG as a plain I/O error, so this line may name a failed write rather than a full drive.
      if (failed.code !== 1 || !/is full|failed a write/.test(failed.error ?? '')) result.problems.push(`error line: ${failed.error ?? failed.stderr}`);
      results.push(result);
    }
    recordFault(task.meta, { scenario: 'disk full', trials: results.length, passed: results.filter((r) => r.problems.length === 0 && r.lost === 0).length, recordsLost: results.reduce((n, r) => n + r.lost, 0), note: how });
    expect(results.flatMap((r) => r.problems)).toEqual([]);
    expect(results.every((r) => r.lost === 0)).toBe(true);
  }, 120_000);
});

describe('drive removed or read-only mid-job', () => {
  it('store folder moved away: clear error, no hang, resumes when it is back', async ({ task }) => {
    const store = join(root, 'removable');
    const away = join(root, 'removable-away');
    const failed = await embedWithFault(store, () => rename(store, away));
    // LanceDB creates folders on write, so a write in flight at the moment of removal can leave a stray folder at
    // the old path (as it would on the system disk under a drive's mount point); it has no store.json.
    const stray = await stat(join(store, 'store.json')).then(() => false, () => stat(store).then(() => true, () => false));
    if (stray) await rm(store, { recursive: true });
    await rename(away, store);
    const result = await resumeAndCompare(store);
    if (failed.signal || failed.code !== 1 || !/became unreachable during the job/.test(failed.error ?? '') || !(failed.error ?? '').includes(store)) {
      result.problems.push(`error line: ${failed.error ?? failed.stderr}`);
    }
    recordFault(task.meta, { scenario: 'drive removed (folder renamed away)', trials: 1, passed: result.problems.length === 0 && result.lost === 0 ? 1 : 0, recordsLost: result.lost, note: stray ? 'stray folder left at old path' : 'rename' });
    expect(result.problems).toEqual([]);
    expect(result.lost).toBe(0);
  });

  it('store turns read-only: clear error, resumes once writable', async ({ task }) => {
    const store = join(root, 'write-protected');
    // root bypasses permission bits, so as root the job runs as nobody; a remount read-only is refused (EBUSY)
    // while the job holds files open for writing, which is why permissions are the mechanism here.
    const options: CliOptions = isRoot ? { prefix: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', 'env', `HOME=${root}`] } : {};
    const setWritable = async (writable: boolean) => {
      // The job runs meanwhile: a file it removes during the walk (its lock, a temporary file) is simply gone.
      const gone = (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      };
      const walk = async (dir: string): Promise<void> => {
        for (const entry of await readdir(dir, { withFileTypes: true }).catch((error) => (gone(error), []))) {
          if (entry.isDirectory()) await walk(join(dir, entry.name));
          else await chmod(join(dir, entry.name), writable ? 0o644 : 0o444).catch(gone);
        }
        await chmod(dir, writable ? 0o755 : 0o555).catch(gone);
      };
      await walk(store);
    };
    const failed = await embedWithFault(store, () => setWritable(false), options);
    await setWritable(true);
    const result = await resumeAndCompare(store, options);
    if (failed.signal || failed.code !== 1 || !/is read-only/.test(failed.error ?? '') || !(failed.error ?? '').includes(store)) {
      result.problems.push(`error line: ${failed.error ?? failed.stderr}`);
    }
    recordFault(task.meta, { scenario: 'drive read-only mid-job', trials: 1, passed: result.problems.length === 0 && result.lost === 0 ? 1 : 0, recordsLost: result.lost, note: isRoot ? 'chmod, job as uid 65534' : 'chmod' });
    expect(result.problems).toEqual([]);
    expect(result.lost).toBe(0);
  });
});
