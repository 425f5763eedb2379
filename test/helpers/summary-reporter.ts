import type { Reporter } from 'vitest/reporters';
import { faultTable, type FaultRow } from '../faults/fault-table.ts';

type Task = { type: string; mode?: string; result?: { state?: string }; tasks?: Task[]; meta?: { fault?: FaultRow } };

/**
 * Ends the run with the plain `N passed, N failed` line that CI reads, whatever the default reporter prints, and
 * before it the fault suite's table (test/faults) when those tests ran.
 */
export default class SummaryReporter implements Reporter {
  onFinished(files: Task[] = []): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const faults: FaultRow[] = [];
    const visit = (task: Task) => {
      if (task.type === 'test') {
        const state = task.result?.state;
        if (state === 'pass') counts.passed += 1;
        else if (state === 'fail') counts.failed += 1;
        else counts.skipped += 1;
        if (task.meta?.fault) faults.push(task.meta.fault);
      }
      task.tasks?.forEach(visit);
    };
    files.forEach(visit);
    if (faults.length > 0) process.stdout.write(`\n${faultTable(faults)}`);
    process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ''}\n`);
  }
}
