import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { writeKmerTestBundle } from '../helpers/test-bundles.ts';
import { maxAbsDiff, readTable, readVectors } from '../helpers/store-readers.ts';

const tempDir = useTempDirs();
const CLI = resolve('bin/seqatlas.js');
const INPUT = resolve('test/fixtures/embed/mixed-16s.fasta');

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  progressEvents: number;
}

/** Runs `seqatlas embed` as a real child process; with `killAfterMs`, kill -9 it at that moment after its first batch. */
function embed(store: string, modelsDir: string, killAfterMs?: number): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, 'embed', '--input', INPUT, '--model', 'test-kmer', '--store', store, '--models-dir', modelsDir, '--max-batch', '3', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let progressEvents = 0;
    let armed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      progressEvents = (stdout.match(/"type":"progress"/g) ?? []).length;
      if (killAfterMs !== undefined && !armed && progressEvents > 0) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code, signal) => done({ code, signal, stdout, stderr, progressEvents }));
  });
}

describe('embedding survives kill -9 at random moments', () => {
  it('resumes to a store equal to an uninterrupted run', async () => {
    const root = await tempDir();
    const modelsDir = join(root, 'models');
    await writeKmerTestBundle(modelsDir, { id: 'test-kmer', k: 5, dim: 24 });

    const reference = join(root, 'reference-store');
    const clean = await embed(reference, modelsDir);
    expect(clean.code, clean.stderr).toBe(0);

    const store = join(root, 'killed-store');
    let kills = 0;
    // Seeded delays so a failure can be replayed; spread from "right after a commit" to "late in the job".
    const delays = [0, 37, 150, 420, 90, 260];
    for (const delay of delays) {
      const run = await embed(store, modelsDir, delay);
      if (run.signal === 'SIGKILL') kills += 1;
      else expect(run.code, run.stderr).toBe(0);
      if (run.code === 0) break;
    }
    expect(kills).toBeGreaterThanOrEqual(3);
    const final = await embed(store, modelsDir);
    expect(final.code, final.stderr).toBe(0);

    const expected = await readVectors(reference, 'emb_test_kmer_l0');
    const actual = await readVectors(store, 'emb_test_kmer_l0');
    expect(actual.size).toBe(expected.size);
    for (const [id, vector] of expected) {
      expect(actual.has(id), `missing ${id}`).toBe(true);
      expect(maxAbsDiff(actual.get(id)!, vector)).toBeLessThanOrEqual(1e-5);
    }
    const sequences = await readTable(store, 'sequences');
    expect(sequences.length).toBe(expected.size);
    expect(new Set(sequences.map((r) => r.seq_id)).size).toBe(expected.size);

    const catalog = new Database(join(store, 'catalog.sqlite'), { readonly: true });
    const job = catalog.prepare('SELECT status, records_done FROM jobs').get() as { status: string; records_done: number };
    const dataset = catalog.prepare('SELECT status, accepted FROM datasets').get() as { status: string; accepted: number };
    catalog.close();
    expect(job).toEqual({ status: 'done', records_done: expected.size });
    expect(dataset).toEqual({ status: 'ready', accepted: expected.size });
  }, 180_000);
});
