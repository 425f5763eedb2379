import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';

/**
 * Streams a file under a temporary name (`<path>.partial`) and renames it to `path` once `write` has finished, so a
 * cancelled, failed or crashed job never leaves a file that looks whole. `keep`, asked after writing, may decline the
 * file (nothing worth keeping): then it is removed. Returns whether `path` was written.
 */
export async function writeWholeFile(path: string, write: (stream: WriteStream) => Promise<void>, keep: () => boolean = () => true): Promise<boolean> {
  const partial = `${path}.partial`;
  const stream = createWriteStream(partial);
  try {
    await write(stream);
    stream.end();
    await once(stream, 'finish');
  } catch (error) {
    stream.destroy();
    await rm(partial, { force: true });
    throw error;
  }
  if (!keep()) {
    await rm(partial);
    return false;
  }
  await rename(partial, path);
  return true;
}

/** Writes a batch of text, waiting for the stream to drain when its buffer is full (files of any size stream through). */
export async function writeBatch(stream: WriteStream, text: string): Promise<void> {
  if (text !== '' && !stream.write(text)) await once(stream, 'drain');
}
