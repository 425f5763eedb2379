import type { RunOptions } from '../api/engine.ts';
import { interruptible } from './cli-options.ts';
import { eventPrinter } from './cli-output.ts';

/**
 * A long job from the command line, the same way for every command: Ctrl-C stops it after the committed step,
 * its events become a progress line (or JSON lines with --json), and its result is printed as JSON or as the
 * command's own summary.
 */
export async function runJobCommand<T>(json: boolean, job: (options: Required<RunOptions>) => Promise<T>, print: (result: T) => void): Promise<void> {
  const printer = eventPrinter(json);
  await interruptible(async (control) => {
    const result = await job({ emit: printer.emit, control });
    printer.done();
    if (json) process.stdout.write(`${JSON.stringify({ type: 'result', result })}\n`);
    else print(result);
  }).finally(() => printer.done());
}
