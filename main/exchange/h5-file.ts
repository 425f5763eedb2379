import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import h5wasm from 'h5wasm/node';
import type { File as H5File } from 'h5wasm/node';
import { EngineError } from '../shared/engine-error.ts';

/**
 * What went wrong with an HDF5 file. EngineError's `code` is 'h5_invalid' for all of them (the CLI and UI need no
 * more); `reason` lets a caller tell a missing file from a damaged one or from bad entries given to the writer.
 */
export type H5FaultReason = 'missing_file' | 'not_hdf5' | 'truncated' | 'damaged' | 'layout' | 'bad_entry' | 'write_failed';

/** An HDF5 file that is missing, not HDF5, damaged, or not in the expected layout. The message is one line naming the file. */
export class H5FormatError extends EngineError {
  declare readonly code: 'h5_invalid';
  constructor(
    readonly reason: H5FaultReason,
    message: string,
    details?: { file: string; h5Path?: string },
  ) {
    super('h5_invalid', oneLine(message), details);
    this.name = 'H5FormatError';
  }
}

let loading: Promise<typeof h5wasm> | undefined;

/**
 * h5wasm, initialised once. Its default HDF5 error handler only prints a many-line HDF5-DIAG trace to stderr;
 * the throwing handler turns every HDF5 failure into a JS Error we can condense and type instead.
 */
export function loadH5wasm(): Promise<typeof h5wasm> {
  loading ??= h5wasm.ready.then((module) => {
    module.activate_throwing_error_handler();
    return h5wasm;
  });
  return loading;
}

/** The innermost reason of an HDF5 error trace ("file signature not found"), or the error's first line. */
export function hdf5Reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const frames = text.split('\n').filter((line) => /^\s*#\d+:/.test(line));
  const innermost = frames.at(-1);
  if (innermost) {
    const reason = /\(\): (.*)$/.exec(innermost)?.[1];
    if (reason) return reason.trim();
  }
  return oneLine(text);
}

/** Opens an existing HDF5 file read-only, or throws H5FormatError saying plainly why it cannot be. */
export async function openH5ForReading(file: string): Promise<H5File> {
  const h5 = await loadH5wasm();
  const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
    throw new H5FormatError('missing_file', `${file}: ${error.code === 'ENOENT' ? 'no such file' : `cannot read (${error.code ?? error.message})`}`, { file });
  });
  if (info.isDirectory()) throw new H5FormatError('missing_file', `${file}: is a folder, not an HDF5 file`, { file });
  if (info.size === 0) throw new H5FormatError('not_hdf5', `${file}: empty file, not HDF5`, { file });
  try {
    return new h5.File(file, 'r');
  } catch (error) {
    const reason = hdf5Reason(error);
    if (/signature not found/i.test(reason)) throw new H5FormatError('not_hdf5', `${file}: not an HDF5 file (${reason})`, { file });
    if (/truncated/i.test(reason)) throw new H5FormatError('truncated', `${file}: truncated HDF5 file (${reason})`, { file });
    throw new H5FormatError('damaged', `${file}: cannot open as HDF5 (${reason})`, { file });
  }
}

/** Creates (truncating) an HDF5 file whose groups remember creation order. */
export async function createH5ForWriting(file: string): Promise<H5File> {
  const h5 = await loadH5wasm();
  const folder = dirname(file);
  const info = await stat(folder).catch(() => undefined);
  if (!info?.isDirectory()) throw new H5FormatError('write_failed', `${file}: cannot create, folder ${folder} does not exist`, { file });
  try {
    return new h5.File(file, 'w', { track_order: true });
  } catch (error) {
    throw new H5FormatError('write_failed', `${file}: cannot create HDF5 file (${hdf5Reason(error)})`, { file });
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}
