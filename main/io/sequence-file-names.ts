/**
 * File names taken as sequence files when a folder is imported: FASTA/FASTQ extensions, plain or gzip. Shared by
 * the engine (folders on disk) and the renderer (folders dropped on a browser page), so both pick the same files.
 */
export const SEQUENCE_FILE_NAME = /\.(fa|fasta|fas|fna|ffn|faa|fq|fastq)(\.gz)?$/i;

/** Either separator: paths may come from Windows. No node:path, so the renderer can use this module too. */
const parts = (path: string): string[] => path.split(/[\\/]/).filter(Boolean);

/**
 * The sample of each file's reads that carry no `;sample=` tag: the file's name without its sequence extension, or,
 * where two files share a name (lane1/reads.fq and lane2/reads.fq), with their folder's name before it.
 */
export function sampleNamesOfFiles(files: readonly string[]): string[] {
  const names = files.map((file) => (parts(file).at(-1) ?? file).replace(SEQUENCE_FILE_NAME, ''));
  return names.map((name, i) => (names.indexOf(name) !== names.lastIndexOf(name) ? `${parts(files[i]!).at(-2) ?? ''}_${name}` : name));
}
