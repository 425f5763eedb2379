import type { OptionValues } from 'commander';
import type { RunOptions } from '../api/engine.ts';
import { interruptible, type CommandRunner } from './cli-options.ts';
import { eventPrinter } from './cli-output.ts';

/**
 * A long job from the command line, the same way for every command: Ctrl-C stops it after the committed step,
 * its events become a progress line (or JSON lines with --json), and its result is printed as JSON or as the
 * command's own summary.
 */
async function runJobCommand<T>(json: boolean, job: (options: Required<RunOptions>) => Promise<T>, print: (result: T) => void): Promise<void> {
  const printer = eventPrinter(json);
  await interruptible(async (control) => {
    const result = await job({ emit: printer.emit, control });
    printer.done();
    if (json) process.stdout.write(`${JSON.stringify({ type: 'result', result })}\n`);
    else print(result);
  }).finally(() => printer.done());
}

/**
 * The commander action of a job command: `start` turns the parsed options into the engine call (building any
 * overrides first), `run` maps what fails to the exit code and one error line, and --json picks the output.
 */
export function jobAction<T>(
  run: CommandRunner,
  start: (options: OptionValues, runOptions: Required<RunOptions>) => Promise<T>,
  print: (result: T) => void,
): (options: OptionValues) => Promise<void> {
  return (options) => run(Boolean(options.json), () => runJobCommand(Boolean(options.json), (runOptions) => start(options, runOptions), print));
}
