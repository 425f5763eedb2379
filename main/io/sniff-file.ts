import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { gunzipSync, constants } from 'node:zlib';
import { guessAlphabet } from './alphabet.ts';
import { BINARY } from './raw-record.ts';
import type { Alphabet } from './seq-record.ts';

export interface SniffResult {
  format: 'fasta' | 'fastq';
  gzip: boolean;
  alphabet: Alphabet;
  /** Whether the DNA looked like RNA (U rather than T). */
  rna: boolean;
}

export class SniffError extends Error {
  constructor(readonly code: 'unreadable_file' | 'empty_file' | 'binary_data' | 'malformed_record', message: string) {
    super(message);
  }
}

const HEAD_BYTES = 64 * 1024;

/** Decides format, compression and alphabet from the first 64 KB only. Throws SniffError with a one-line message. */
export async function sniffFile(path: string): Promise<SniffResult> {
  const file = basename(path);
  let head: Buffer;
  try {
    if (!(await stat(path)).isFile()) throw new SniffError('unreadable_file', `${path}: not a file`);
    const handle = await open(path, 'r');
    try {
      head = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0);
      head = head.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof SniffError) throw error;
    throw new SniffError('unreadable_file', `${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const gzip = head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
  if (gzip) {
    try {
      // Partial inflate of the first block: Z_SYNC_FLUSH tolerates the cut at 64 KB.
      head = gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH });
    } catch {
      throw new SniffError('binary_data', `${file}: gzip data is damaged at the start`);
    }
  }
  const text = head.toString('utf8');
  const start = text.search(/\S/);
  if (start < 0) throw new SniffError('empty_file', `${file}: the file is empty`);
  const first = text[start];
  if (BINARY.test(text.slice(0, 1024)) || (first !== '>' && first !== '@')) {
    if (BINARY.test(text.slice(0, 1024))) throw new SniffError('binary_data', `${file}: not a FASTA or FASTQ file (binary data at the start)`);
    throw new SniffError('malformed_record', `${file}: not a FASTA or FASTQ file (it must start with '>' or '@', found '${first}')`);
  }
  const format = first === '>' ? 'fasta' : 'fastq';
  const residues = sampleResidues(text.slice(start), format);
  return { format, gzip, alphabet: guessAlphabet(residues), rna: /U/i.test(residues) && !/T/i.test(residues) };
}

function sampleResidues(text: string, format: 'fasta' | 'fastq'): string {
  const lines = text.split(/\r?\n/);
  lines.pop(); // possibly cut at 64 KB
  if (format === 'fasta') return lines.filter((l) => !l.startsWith('>')).join('');
  return lines.filter((_, i) => i % 4 === 1).join('');
}
