import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { EngineError } from '../shared/engine-error.ts';

/** Keeps letters, digits, dot, dash and underscore of a browser-given file name; a browser's name is never a path. */
export function safeUploadName(name: string): string {
  const cleaned = basename(name.replace(/\\/g, '/')).replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '');
  if (cleaned === '') throw new EngineError('bad_request', `upload: "${name}" is not a usable file name`);
  return cleaned.slice(0, 120);
}

/**
 * Saves a dropped file into this server session's upload folder and returns its path, which the engine then reads
 * like any picked file. The body is streamed to disk, so a multi-gigabyte FASTQ never sits in memory.
 */
export async function saveUpload(request: IncomingMessage, folder: string, name: string): Promise<{ path: string; bytes: number }> {
  await mkdir(folder, { recursive: true });
  const path = join(folder, safeUploadName(name));
  let bytes = 0;
  request.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
  });
  await pipeline(request, createWriteStream(path));
  return { path, bytes };
}
