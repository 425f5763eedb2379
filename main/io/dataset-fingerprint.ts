import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { isPlainReading, type FileReading } from './file-reading.ts';

const EDGE_BYTES = 1 << 20;

/**
 * Identifies an input file cheaply and stably: size plus SHA-256 of its first and last MiB. Hashing a whole
 * multi-GB FASTQ before every resume would cost minutes; edits that keep the size and both ends are not a
 * realistic way for a sequencing file to change.
 */
export async function fingerprintFile(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const hash = createHash('sha256').update(`size:${size};`);
    const head = Buffer.alloc(Math.min(EDGE_BYTES, size));
    await handle.read(head, 0, head.length, 0);
    hash.update(head);
    if (size > EDGE_BYTES) {
      const tailLength = Math.min(EDGE_BYTES, size - EDGE_BYTES);
      const tail = Buffer.alloc(tailLength);
      await handle.read(tail, 0, tailLength, size - tailLength);
      hash.update(tail);
    }
    return hash.digest('hex');
  } finally {
    await handle.close();
  }
}

/**
 * The fingerprint a dataset is known by: the file's for a plain reading, else one derived from the file's and the
 * reading. Removing gaps or cutting to a primer region accepts other records, or other parts of them, so each reading
 * is its own dataset (own id, own jobs): otherwise a finished plain import would make a later `--remove-gaps` or
 * `--primers` run "already done".
 */
export async function importFingerprint(path: string, reading: FileReading): Promise<string> {
  const file = await fingerprintFile(path);
  if (isPlainReading(reading)) return file;
  const settings = { removeGaps: reading.removeGaps, region: reading.region ?? null, ...(reading.reverseComplement ? { reverseComplement: true } : {}) };
  return createHash('sha256').update(`${file};${JSON.stringify(settings)}`).digest('hex');
}

/** A readable, stable dataset id: the file's name without sequence extensions, plus 8 hex of its fingerprint. */
export function datasetIdFor(path: string, fingerprint: string, name?: string): string {
  const stem = (name ?? basename(path))
    .replace(/\.(gz|gzip)$/i, '')
    .replace(/\.(fasta|fa|fna|faa|fas|fsa|ffn|fastq|fq|seq|txt)$/i, '');
  const slug = stem.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'dataset';
  return `${slug}-${fingerprint.slice(0, 8)}`;
}
