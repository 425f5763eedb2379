import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { EngineError } from '../shared/engine-error.ts';
import { SEQUENCE_FILE_NAME } from './sequence-file-names.ts';

/** Sequencer output folders nest run/sample folders a few levels deep; deeper trees are more likely a whole disk. */
const MAX_DEPTH = 4;
/** More files than a sequencing run yields means the wrong folder was dropped. */
const MAX_FILES = 5000;

async function walk(dir: string, depth: number, found: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    throw new EngineError('input_unreadable', `${dir}: folder cannot be read (${error.code ?? error.message})`);
  });
  entries.sort((a, b) => a.name.localeCompare(b.name, 'en'));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue; // .DS_Store, ._ files from macOS on removable drives, .git
    const path = join(dir, entry.name);
    if (entry.isDirectory() && depth < MAX_DEPTH) await walk(path, depth + 1, found);
    else if (entry.isFile() && SEQUENCE_FILE_NAME.test(entry.name)) {
      found.push(path);
      if (found.length > MAX_FILES) throw new EngineError('bad_request', `${dir}: more than ${MAX_FILES} sequence files below this folder; choose the run's own folder`);
    }
  }
}

/**
 * The sequence files a user dropped or chose: files as given, folders replaced by the FASTA/FASTQ(.gz) files below
 * them (sorted, hidden entries skipped, up to 4 levels down). A folder without any is an error naming it.
 */
export async function expandSequenceInputs(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const given of paths) {
    const path = resolve(given);
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
      throw new EngineError('input_unreadable', `${path}: ${error.code === 'ENOENT' ? 'no such file or folder' : `cannot be read (${error.code ?? error.message})`}`);
    });
    if (!info.isDirectory()) {
      files.push(path);
      continue;
    }
    const found: string[] = [];
    await walk(path, 1, found);
    if (found.length === 0) throw new EngineError('input_unreadable', `${path}: folder holds no FASTA/FASTQ files (.fa, .fasta, .fna, .faa, .fq, .fastq, optionally .gz)`);
    files.push(...found);
  }
  return [...new Set(files)];
}
