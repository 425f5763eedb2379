import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFault } from './fault-kit.ts';
import { killTrial, prepareKillBench, type KillBench, type KillJob } from './kill-trials.ts';

/** Few trials here to stay inside `npm test`'s time; bench/faults-soak.ts runs 25 of each. */
const TRIALS = 5;
const SEED = 20261122;

let root: string;
let bench: KillBench;

describe('kill -9 at random moments, then resume', () => {
  beforeAll(async () => {
    // One folder for the file, not useTempDirs (which empties after each test): both tests share the clean runs.
    root = await mkdtemp(join(tmpdir(), 'seqatlas-kill-'));
    bench = await prepareKillBench(root);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  for (const job of ['embed', 'reference'] as const satisfies readonly KillJob[]) {
    it(`${job === 'embed' ? 'seqatlas embed' : 'seqatlas reference build'}: every record once, vectors equal to an uninterrupted run`, async ({ task }) => {
      const results = [];
      for (let trial = 0; trial < TRIALS; trial += 1) {
        results.push(await killTrial(job, SEED + trial, join(root, 'trials'), bench));
      }
      const passed = results.filter((r) => r.problems.length === 0 && r.lost === 0).length;
      const killed = results.filter((r) => r.killed).length;
      recordFault(task.meta, { scenario: `kill -9 + resume: ${job}`, trials: TRIALS, passed, recordsLost: results.reduce((n, r) => n + r.lost, 0), note: `${killed} killed before the end, seeds ${SEED}..${SEED + TRIALS - 1}` });
      expect(results.filter((r) => r.problems.length > 0)).toEqual([]);
      expect(results.every((r) => r.lost === 0)).toBe(true);
      expect(killed).toBeGreaterThanOrEqual(3);
    }, 120_000);
  }
});
