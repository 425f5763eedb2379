import { open } from 'node:fs/promises';
import { OntologyError } from './ontology-error.ts';

const SQLITE_MAGIC = 'SQLite format 3\0';
/** OBO files start with header tags; format-version is required and comes first in GO's releases. */
const OBO_MARKER = 'format-version:';
const SNIFF_BYTES = 4096;

/** Tells a GO.db SQLite from an OBO text file by content, not by extension. */
export async function sniffOntologyFile(path: string): Promise<'sqlite' | 'obo'> {
  let head: string;
  try {
    const file = await open(path, 'r');
    try {
      const buf = Buffer.alloc(SNIFF_BYTES);
      const { bytesRead } = await file.read(buf, 0, SNIFF_BYTES, 0);
      head = buf.subarray(0, bytesRead).toString('latin1');
    } finally {
      await file.close();
    }
  } catch (err) {
    throw OntologyError.unreadable(path, err);
  }
  if (head.startsWith(SQLITE_MAGIC)) return 'sqlite';
  if (head.replace(/^\xEF\xBB\xBF/, '') /* UTF-8 BOM read as latin1 */.trimStart().startsWith(OBO_MARKER)) return 'obo';
  throw OntologyError.unknownFormat(path);
}
