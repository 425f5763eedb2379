import { basename } from 'node:path';
import { lineBatches, TruncatedGzipError } from '../../io/text-lines.ts';
import { SequenceFileError } from '../../io/sequence-file-error.ts';
import { LabelError } from './label-error.ts';

export interface TableLine {
  /** 1-based, for messages. */
  number: number;
  text: string;
}

/**
 * The lines of a label side file (plain or gzip, LF or CRLF), streamed so that a 500 MB annotation file is fine.
 * Reuses the sequence reader's line splitter, which copies each line out of its chunk: ids kept in a Map must not
 * pin the chunk they were sliced from. Any failure to read becomes LabelError('unreadable_file').
 */
export async function* tableLines(path: string): AsyncGenerator<TableLine> {
  let number = 0;
  try {
    for await (const batch of lineBatches(path)) {
      for (const text of batch) {
        number += 1;
        yield { number, text };
      }
    }
  } catch (error) {
    throw asLabelError(error, path);
  }
}

function asLabelError(error: unknown, path: string): unknown {
  if (error instanceof SequenceFileError) return new LabelError('unreadable_file', error.message);
  if (error instanceof TruncatedGzipError) return new LabelError('unreadable_file', `${basename(path)}: gzip data ends early or is damaged`);
  // Opening the file (missing, a directory, no permission) fails with a plain system error.
  if (error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string') {
    return new LabelError('unreadable_file', `${basename(path)}: cannot read (${(error as NodeJS.ErrnoException).code ?? error.message})`);
  }
  return error;
}
