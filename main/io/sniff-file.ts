import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { guessAlphabet } from './alphabet.ts';
import { BINARY } from './raw-record.ts';
import type { Alphabet } from './seq-record.ts';
import { SequenceFileError } from './sequence-file-error.ts';
import { openDecompressed } from './text-lines.ts';

export interface SniffResult {
  format: 'fasta' | 'fastq';
  gzip: boolean;
  alphabet: Alphabet;
  /** Whether the nucleotides looked like RNA (U but no T). */
  rna: boolean;
}

const HEAD_BYTES = 64 * 1024;
const BINARY_WINDOW = 1024;

/** Decides format, compression and alphabet from the first 64 KB of (decompressed) text only. */
export async function sniffFile(path: string): Promise<SniffResult> {
  const file = basename(path);
  const { head, gzip } = await readHead(path);
  const text = head.toString('utf8').replace(/^\ufeff/, '');
  const start = text.search(/\S/);
  if (start < 0) throw new SequenceFileError('empty_file', `${file}: the file is empty`);
  if (looksBinary(text, start)) throw new SequenceFileError('binary_data', `${file}: not a FASTA or FASTQ file (binary data at the start)`);
  const first = text[start];
  if (first !== '>' && first !== '@') {
    throw new SequenceFileError('malformed_record', `${file}: not a FASTA or FASTQ file (it must start with '>' or '@', found '${first}')`);
  }
  if (!text.includes('\n') && /\r[^\n]/.test(text)) {
    // Classic Mac OS line ends: the whole file would read as one header line, so refuse it with the fix instead.
    throw new SequenceFileError('malformed_record', `${file}: lines end in CR only (old Mac format); convert the line ends to LF or CRLF`);
  }
  const format = first === '>' ? 'fasta' : 'fastq';
  const sequences = sampleSequences(text.slice(start), format);
  const dnaVotes = sequences.filter((s) => guessAlphabet(s) === 'dna').length;
  const residues = sequences.join('');
  // A majority of records decides, so that a few odd records do not flip the file; they are rejected one by one.
  const alphabet: Alphabet = dnaVotes * 2 >= sequences.length ? 'dna' : 'protein';
  return { format, gzip, alphabet, rna: alphabet === 'dna' && /U/i.test(residues) && !/T/i.test(residues) };
}

/**
 * NUL bytes in the first KB, or a first line that is not text: an archive, an image, a BAM file. A stray control
 * character further on is left to the reader, which rejects just the record holding it.
 */
function looksBinary(text: string, start: number): boolean {
  const window = text.slice(0, BINARY_WINDOW);
  const firstLineEnd = window.indexOf('\n', start);
  return window.includes('\u0000') || BINARY.test(firstLineEnd < 0 ? window : window.slice(0, firstLineEnd));
}

async function readHead(path: string): Promise<{ head: Buffer; gzip: boolean }> {
  try {
    if (!(await stat(path)).isFile()) throw new SequenceFileError('unreadable_file', `${path}: not a file`);
  } catch (error) {
    if (error instanceof SequenceFileError) throw error;
    throw new SequenceFileError('unreadable_file', `${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const { stream, gzip } = await openDecompressed(path);
  const parts: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      parts.push(chunk);
      length += chunk.length;
      if (length >= HEAD_BYTES) break;
    }
  } catch (error) {
    // A short damaged gzip still has a readable head; the reader reports the damage in place.
    if (!gzip || length === 0) {
      const reason = (error as Error).message;
      if (!gzip) throw new SequenceFileError('unreadable_file', `${basename(path)}: cannot read (${reason})`);
      throw new SequenceFileError('truncated_gzip', `${basename(path)}: cannot read (damaged gzip data: ${reason})`);
    }
  } finally {
    stream.destroy();
  }
  return { head: Buffer.concat(parts).subarray(0, HEAD_BYTES), gzip };
}

/**
 * The sequences of the records in the head. The last one may be cut short at 64 KB, which is kept on purpose: the
 * start of a sequence is as good a sample as the whole, and a first record longer than 64 KB is all there is.
 */
function sampleSequences(text: string, format: 'fasta' | 'fastq'): string[] {
  const lines = text.split(/\r?\n/);
  if (format === 'fastq') return lines.filter((_, i) => i % 4 === 1);
  const sequences: string[] = [];
  let parts: string[] = [];
  for (const line of lines) {
    if (!line.startsWith('>')) {
      parts.push(line);
      continue;
    }
    if (parts.length > 0) sequences.push(parts.join(''));
    parts = [];
  }
  if (parts.length > 0) sequences.push(parts.join(''));
  return sequences;
}
