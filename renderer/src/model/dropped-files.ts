import { SEQUENCE_FILE_NAME } from '../../../main/io/sequence-file-names.ts';

/** As deep as the engine walks a folder (main/io/sequence-files.ts). */
const MAX_DEPTH = 4;

const fileOf = (entry: FileSystemFileEntry) => new Promise<File>((resolve, reject) => entry.file(resolve, reject));

/** A directory reader returns its entries in batches (about 100 in Chromium) until it returns none. */
async function childrenOf(entry: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = entry.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all.sort((a, b) => a.name.localeCompare(b.name, 'en'));
    all.push(...batch);
  }
}

async function collect(entry: FileSystemEntry, depth: number, into: File[]): Promise<void> {
  if (entry.isFile) {
    // A file dropped as itself is always checked (the report says why it is not a sequence file); inside folders only sequence files count.
    if (depth === 0 || SEQUENCE_FILE_NAME.test(entry.name)) into.push(await fileOf(entry as FileSystemFileEntry));
  } else if (entry.isDirectory && depth < MAX_DEPTH && !(depth > 0 && entry.name.startsWith('.'))) {
    for (const child of await childrenOf(entry as FileSystemDirectoryEntry)) await collect(child, depth + 1, into);
  }
}

/**
 * The files of a drop on a browser page, with dropped folders walked (a folder's own File cannot be read or
 * uploaded). The entries are taken before the first await: the drop's DataTransfer is emptied once the event ends.
 */
export async function droppedFiles(data: DataTransfer): Promise<File[]> {
  const entries = [...data.items].filter((item) => item.kind === 'file').map((item) => item.webkitGetAsEntry());
  if (entries.some((entry) => entry === null)) return [...data.files];
  const files: File[] = [];
  for (const entry of entries) await collect(entry!, 0, files);
  return files;
}

/** The sequence files of a folder picked with `<input webkitdirectory>` (every file below it arrives, flattened). */
export const sequenceFilesOfPickedFolder = (files: FileList): File[] =>
  [...files].filter((file) => SEQUENCE_FILE_NAME.test(file.name) && !file.webkitRelativePath.split('/').some((part) => part.startsWith('.')));
