import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { StringDecoder } from 'node:string_decoder';

export class TruncatedGzipError extends Error {
  readonly code = 'truncated_gzip';
}

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

/**
 * The lines of a text file, plain or gzip (by magic bytes, not by name), LF or CRLF, streamed in chunks so memory
 * does not grow with the file. A line longer than a chunk is gathered as parts and joined once, so a 100 MB
 * single-line sequence costs one copy, not a quadratic series of concatenations. A gzip stream that ends early
 * throws TruncatedGzipError after the last complete line.
 */
export async function* textLines(path: string, signal?: AbortSignal): AsyncGenerator<string> {
  const gzip = await isGzip(path);
  const source = createReadStream(path, { highWaterMark: 1 << 20 });
  const stream = gzip ? source.pipe(createGunzip()) : source;
  if (gzip) source.on('error', (error) => stream.destroy(error));
  const decoder = new StringDecoder('utf8');
  let pending: string[] = [];
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (signal?.aborted) return;
      const text = decoder.write(chunk);
      let start = 0;
      let newline = text.indexOf('\n', start);
      while (newline !== -1) {
        let line = pending.length > 0 ? pending.join('') + text.slice(start, newline) : text.slice(start, newline);
        pending = [];
        if (line.endsWith('\r')) line = line.slice(0, -1);
        yield line;
        start = newline + 1;
        newline = text.indexOf('\n', start);
      }
      if (start < text.length) pending.push(text.slice(start));
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (gzip && (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR' || /unexpected end of file/i.test((error as Error).message))) {
      throw new TruncatedGzipError((error as Error).message);
    }
    throw error;
  }
  const last = pending.join('') + decoder.end();
  if (last.length > 0) yield last.endsWith('\r') ? last.slice(0, -1) : last;
}
