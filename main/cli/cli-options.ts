import { InvalidArgumentError, Option, type Command } from 'commander';
import type { BatchLimits } from '../api/embed-request.ts';
import type { JobControl } from '../api/job-events.ts';
import { parsePrimerPair, type PrimerPair } from '../io/primer-region.ts';
import { EngineError } from '../shared/engine-error.ts';

/** Runs a command's work and turns its outcome into the exit code; shared by every command module. */
export type CommandRunner = (json: boolean, work: () => Promise<void>) => Promise<void>;

export const intList = (value: string): number[] =>
  value.split(',').map((part) => {
    const n = Number(part.trim());
    if (!Number.isInteger(n)) throw new InvalidArgumentError(`"${part}" is not an integer layer id`);
    return n;
  });

export const positiveInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`"${value}" is not a non-negative integer`);
  return n;
};

export const positiveNumber = (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`"${value}" is not a positive number`);
  return n;
};

export const unitInterval = (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError(`"${value}" is not a number between 0 and 1`);
  return n;
};

/**
 * Runs a long job with Ctrl-C handling: the first Ctrl-C asks the job to stop after the step in flight is
 * committed (resumable), a second exits at once.
 */
export async function interruptible<T>(work: (control: JobControl) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
    process.stderr.write('\nstopping after the current batch (Ctrl-C again to quit now)…\n');
  };
  process.on('SIGINT', onSigint);
  try {
    return await work({ signal: controller.signal, waitIfPaused: async () => undefined });
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/** `--device`: the execution provider choices of every command that runs onnxruntime (no default: the run config decides). */
export const deviceOption = (description = 'execution provider'): Option =>
  new Option('--device <device>', description).choices(['auto', 'cpu', 'cuda', 'dml', 'webgpu']);

/** `--threads`: onnxruntime's CPU threads. */
export const threadsOption = (): Option => new Option('--threads <n>', 'CPU threads for onnxruntime and for alignments (0 = one per core)').argParser(positiveInt);

/** `--token-budget` and `--max-batch` of a command that embeds a file. */
export function addBatchOptions(command: Command): Command {
  return command
    .option('--token-budget <n>', 'most padded tokens per batch (default: the model bundle\'s)', positiveInt)
    .option('--max-batch <n>', 'most sequences per batch (default: the model bundle\'s; smaller needs less GPU memory)', positiveInt);
}

/** The request's `batch` from those two flags, if either was given (0 leaves the bundle's value). */
export function batchLimits(options: { tokenBudget?: number; maxBatch?: number }): BatchLimits | undefined {
  return options.tokenBudget || options.maxBatch ? { tokenBudget: options.tokenBudget || undefined, maxBatchSize: options.maxBatch || undefined } : undefined;
}

/** `--remove-gaps`, offered the same way by every command that reads sequence files (see RemoveGaps). */
export const removeGapsOption = (): Option =>
  new Option('--remove-gaps', 'strip alignment gaps (- and .) from records instead of rejecting the records that have them');

export const primerPairArgument = (value: string): PrimerPair => {
  const pair = parsePrimerPair(value);
  if (!pair) throw new InvalidArgumentError(`"${value}" is not FORWARD,REVERSE primers of 8-60 IUPAC nucleotide codes each`);
  return pair;
};

/** `--primers` and `--primer-mismatches` of a command that embeds DNA records (see PrimerRegionCutter). */
export function addPrimerOptions(command: Command): Command {
  return command
    .option('--primers <forward,reverse>', "embed only the region between these primers (5'→3' as published, IUPAC codes; e.g. 515F,806R: GTGYCAGCMGCCGCGGTAA,GGACTACNVGGGTWTCTAAT); records without both sites are rejected", primerPairArgument)
    .option('--primer-mismatches <n>', 'mismatches allowed in each primer site (default: a fifth of its length)', positiveInt);
}

/** The request's `region` from those two flags (undefined without --primers). */
export function primerRegion(options: { primers?: PrimerPair; primerMismatches?: number }): PrimerPair | undefined {
  if (!options.primers) {
    if (options.primerMismatches !== undefined) throw new EngineError('bad_request', '--primer-mismatches needs --primers');
    return undefined;
  }
  return options.primerMismatches === undefined ? options.primers : { ...options.primers, maxMismatches: options.primerMismatches };
}

/** `--device` and `--threads` of a command whose run config has an `embedding` block (flags override the file). */
export function addRuntimeOverrides(command: Command): Command {
  return command.addOption(deviceOption()).addOption(threadsOption());
}

/** The `embedding` override those two flags make, if either was given. */
export function runtimeOverride(options: { device?: string; threads?: number }): Record<string, unknown> {
  return options.device || options.threads !== undefined ? { embedding: { device: options.device ?? 'auto', threads: options.threads ?? 0 } } : {};
}
