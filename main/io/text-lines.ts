import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { SequenceFileError } from './sequence-file-error.ts';

/** The gzip stream ended early or is damaged; every complete line before the damage has already been yielded. */
export class TruncatedGzipError extends Error {
  readonly code = 'truncated_gzip';
}

const LF = 0x0a;
const CR = 0x0d;
const CHUNK_BYTES = 1 << 20;

export async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const magic = Buffer.alloc(2);
    const { bytesRead } = await handle.read(magic, 0, 2, 0);
    return bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** The file's bytes, gunzipped when it starts with the gzip magic (the name does not matter). */
export async function openDecompressed(path: string, options: { end?: number } = {}): Promise<{ stream: Readable; gzip: boolean }> {
  const gzip = await isGzip(path);
  const source = createReadStream(path, { highWaterMark: CHUNK_BYTES, ...(options.end === undefined ? {} : { end: options.end }) });
  if (!gzip) return { stream: source, gzip };
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  source.on('error', (error) => gunzip.destroy(error));
  // pipe() does not close the file when the reader stops early (abort, sniffing only the head).
  gunzip.on('close', () => source.destroy());
  return { stream: source.pipe(gunzip), gzip };
}

/**
 * The lines of a text file, plain or gzip, LF or CRLF, in batches (one per chunk read) so that callers loop
 * synchronously instead of paying an await per line. Memory holds one chunk plus the current line.
 *
 * Lines are decoded from the bytes one by one rather than sliced out of a decoded chunk: a V8 slice keeps its whole
 * parent string alive, so an id kept for duplicate detection would pin a 1 MB chunk and memory would grow with the
 * file. Splitting on the LF byte is safe for UTF-8 (0x0a never occurs inside a multi-byte character). A line longer
 * than a chunk (a 100 MB single-line genome) is gathered as buffer parts and joined once, never re-concatenated.
 */
export async function* lineBatches(path: string, signal?: AbortSignal): AsyncGenerator<string[]> {
  const { stream, gzip } = await openDecompressed(path);
  let pending: Buffer[] = [];
  let first = true;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      signal?.throwIfAborted();
      const lines: string[] = [];
      let start = 0;
      let newline = chunk.indexOf(LF);
      while (newline !== -1) {
        let line: Buffer | undefined;
        if (pending.length > 0) {
          pending.push(chunk.subarray(start, newline));
          line = Buffer.concat(pending);
          pending = [];
        }
        lines.push(decodeLine(line ?? chunk, line ? 0 : start, line ? line.length : newline, first));
        first = false;
        start = newline + 1;
        newline = chunk.indexOf(LF, start);
      }
      if (start < chunk.length) pending.push(chunk.subarray(start));
      if (lines.length > 0) yield lines;
    }
  } catch (error) {
    if (gzip && isZlibDamage(error)) throw new TruncatedGzipError((error as Error).message);
    if (isSystemError(error)) throw new SequenceFileError('unreadable_file', `${basename(path)}: read failed (${error.code ?? error.message})`);
    throw error;
  } finally {
    stream.destroy();
  }
  if (pending.length > 0) {
    const last = Buffer.concat(pending);
    yield [decodeLine(last, 0, last.length, first)];
  }
}

function decodeLine(bytes: Buffer, start: number, end: number, first: boolean): string {
  if (end > start && bytes[end - 1] === CR) end -= 1;
  // A UTF-8 byte order mark before the first '>' or '@' is an editor's artefact, not text.
  if (first && bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf) start += 3;
  return bytes.toString('utf8', start, end);
}

/** An operating-system error (disk, network share); zlib errors and abort reasons have no `syscall`. */
function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

function isZlibDamage(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR' || /unexpected end of file/i.test((error as Error).message);
}
