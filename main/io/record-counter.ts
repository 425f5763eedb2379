import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';

/**
 * Counts records quickly (for progress totals and ETA only, never for correctness): FASTA headers are lines
 * starting with '>', FASTQ records are four lines. Byte scanning with indexOf, no line strings.
 * A damaged file simply gives a rough count; the real reader reports the damage.
 */
export async function countRecords(path: string, format: 'fasta' | 'fastq', gzip: boolean): Promise<number> {
  const source = createReadStream(path);
  const stream = gzip ? source.pipe(createGunzip()) : source;
  let headers = 0;
  let lines = 0;
  let atLineStart = true;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (format === 'fasta') {
        if (atLineStart && chunk[0] === 0x3e) headers += 1;
        let at = chunk.indexOf(0x0a);
        while (at !== -1) {
          if (chunk[at + 1] === 0x3e) headers += 1;
          at = chunk.indexOf(0x0a, at + 1);
        }
      } else {
        let at = chunk.indexOf(0x0a);
        while (at !== -1) {
          lines += 1;
          at = chunk.indexOf(0x0a, at + 1);
        }
      }
      atLineStart = chunk[chunk.length - 1] === 0x0a;
    }
  } catch {
    // Truncated gzip and the like: the count so far is good enough for a progress estimate.
  }
  return format === 'fasta' ? headers : Math.ceil(lines / 4);
}
