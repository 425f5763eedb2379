/**
 * `npm run bench -- faultsSoak`: the long version of test/faults/kill-resume.test.ts. 25 `seqatlas embed` and 25
 * `seqatlas reference build` child processes, each killed with SIGKILL at a seeded random moment and resumed;
 * every resumed store is compared with an uninterrupted run (every record once, identical vectors, catalog
 * consistent). Needs no reference data. Prints the fault table and returns the figures.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { faultTable, type FaultRow } from '../test/faults/fault-table.ts';
import { killTrial, prepareKillBench, type KillJob, type KillTrialResult } from '../test/faults/kill-trials.ts';

const TRIALS = Number(process.env.SEQATLAS_SOAK_TRIALS ?? 25);
/** Not the test suite's seed, so the soak covers other moments than `npm test` does. */
const SEED = 7_000_000;

export async function benchFaultsSoak(): Promise<Record<string, unknown>> {
  const root = await mkdtemp(join(tmpdir(), 'seqatlas-soak-'));
  try {
    const bench = await prepareKillBench(root);
    const rows: FaultRow[] = [];
    const failures: Array<KillTrialResult & { job: KillJob }> = [];
    const figures: Record<string, unknown> = { trialsPerJob: TRIALS, seeds: `${SEED}..${SEED + TRIALS - 1}` };
    for (const job of ['embed', 'reference'] as const) {
      const started = performance.now();
      const results: KillTrialResult[] = [];
      for (let trial = 0; trial < TRIALS; trial += 1) {
        const result = await killTrial(job, SEED + trial, join(root, 'trials'), bench);
        results.push(result);
        if (result.problems.length > 0 || result.lost > 0) failures.push({ ...result, job });
        process.stderr.write(`  ${job} trial ${trial + 1}/${TRIALS} (seed ${result.seed}): ${result.killed ? 'killed' : 'finished first'}, ${result.problems.length === 0 && result.lost === 0 ? 'ok' : result.problems.join('; ')}\n`);
        await rm(join(root, 'trials'), { recursive: true, force: true });
      }
      const passed = results.filter((r) => r.problems.length === 0 && r.lost === 0).length;
      const killed = results.filter((r) => r.killed).length;
      const lost = results.reduce((n, r) => n + r.lost, 0);
      rows.push({ scenario: `kill -9 + resume: ${job}`, trials: TRIALS, passed, recordsLost: lost, note: `${killed} killed before the end` });
      figures[job] = { trials: TRIALS, passed, killedBeforeEnd: killed, recordsLost: lost, seconds: Math.round((performance.now() - started) / 100) / 10 };
    }
    process.stderr.write(faultTable(rows));
    return { ...figures, failures };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

// Run directly (`node bin/run-ts.js bench/faults-soak.ts`) as well as from run-all.ts.
if (process.argv[1]?.endsWith('faults-soak.ts')) {
  const figures = await benchFaultsSoak();
  console.log(JSON.stringify(figures, null, 2));
  if ((figures.failures as unknown[]).length > 0) process.exitCode = 1;
}
