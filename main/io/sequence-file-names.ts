/**
 * File names taken as sequence files when a folder is imported: FASTA/FASTQ extensions, plain or gzip. Shared by
 * the engine (folders on disk) and the renderer (folders dropped on a browser page), so both pick the same files.
 */
export const SEQUENCE_FILE_NAME = /\.(fa|fasta|fas|fna|ffn|faa|fq|fastq)(\.gz)?$/i;
