import { describe, expect, it } from 'vitest';
import { JobRegistry } from '../../main/api/contract/job-registry.ts';
import type { JobEvent } from '../../main/api/job-events.ts';
import { EngineError } from '../../main/shared/engine-error.ts';

/** Starts a job whose work ends when `finish` is called, and collects its events until its closing state. */
function controlledJob(jobs: JobRegistry, ending: (signal: AbortSignal) => Promise<unknown>) {
  let finish!: () => void;
  const gate = new Promise<void>((resolve) => (finish = resolve));
  const jobId = jobs.start(async (_emit, signal) => {
    await gate;
    return ending(signal);
  });
  const events: JobEvent[] = [];
  const closed = new Promise<JobEvent[]>((resolve) => {
    jobs.subscribe(jobId, (event) => {
      events.push(event);
      if (event.type === 'state' && event.state !== 'running') resolve(events);
    });
  });
  return { jobId, finish, closed };
}

describe('JobRegistry', () => {
  it('calls a job that returned its result done, even when a cancel came after its last check', async () => {
    const jobs = new JobRegistry();
    const job = controlledJob(jobs, async () => ({ embedded: 6000 }));
    expect(jobs.cancel(job.jobId)).toBe(true);
    job.finish();
    const events = await job.closed;
    expect(events.map((e) => e.type)).toEqual(['state', 'result', 'state']);
    expect(events.at(-1)).toMatchObject({ type: 'state', state: 'done' });
  });

  it('calls a job that stopped on its cancel cancelled, and one that failed on its own failed', async () => {
    const jobs = new JobRegistry();
    const stopped = controlledJob(jobs, async (signal) => {
      if (signal.aborted) throw new EngineError('cancelled', 'job stopped after batch 2; run the same command again to resume');
    });
    const failed = controlledJob(jobs, async () => {
      throw new EngineError('input_unreadable', 'reads.fasta: no such file');
    });
    jobs.cancel(stopped.jobId);
    stopped.finish();
    failed.finish();
    expect((await stopped.closed).slice(1)).toEqual([
      { type: 'error', jobId: stopped.jobId, code: 'cancelled', message: expect.stringContaining('after batch 2') },
      { type: 'state', jobId: stopped.jobId, state: 'cancelled' },
    ]);
    expect((await failed.closed).slice(1)).toEqual([
      { type: 'error', jobId: failed.jobId, code: 'input_unreadable', message: 'reads.fasta: no such file' },
      { type: 'state', jobId: failed.jobId, state: 'failed' },
    ]);
    expect(jobs.cancel('no-such-job')).toBe(false);
  });
});
