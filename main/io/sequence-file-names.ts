/**
 * File names taken as sequence files when a folder is imported: FASTA/FASTQ extensions, plain or gzip. Shared by
 * the engine (folders on disk) and the renderer (folders dropped on a browser page), so both pick the same files.
 */
export const SEQUENCE_FILE_NAME = /\.(fa|fasta|fas|fna|ffn|faa|fq|fastq)(\.gz)?$/i;

/** Either separator: paths may come from Windows. No node:path, so the renderer can use this module too. */
const parts = (path: string): string[] => path.split(/[\\/]/).filter(Boolean);

/**
 * MinKNOW's (Oxford Nanopore) chunk files: `FLOWCELL_pass_barcode01_RUNID_RUNID_N.fastq.gz`, a few thousand reads
 * each, many per barcode (the flow cell id, pass or fail, the barcode or its sample-sheet alias when barcoded, one or
 * two 8-digit run ids, the chunk number).
 */
const MINKNOW_CHUNK = /^([A-Z]{2,4}\d{3,6})_(pass|fail)_(?:(?![0-9a-f]{8}_)(.+?)_)?([0-9a-f]{8})_(?:[0-9a-f]{8}_)?\d+$/;

/**
 * The sample of each file's reads that carry no `;sample=` tag: the file's name without its sequence extension, or,
 * where two files share a name (lane1/reads.fq and lane2/reads.fq), with their folder's name before it. MinKNOW's
 * chunk files are their barcode's sample (`barcode01`, or the flow cell for unbarcoded runs; failed reads apart, as
 * `barcode01_fail`), with the run id before it when the files come from several runs, whose barcodes are other samples.
 */
export function sampleNamesOfFiles(files: readonly string[]): string[] {
  const names = files.map((file) => (parts(file).at(-1) ?? file).replace(SEQUENCE_FILE_NAME, ''));
  const chunks = names.map((name) => MINKNOW_CHUNK.exec(name));
  const runs = new Set(chunks.flatMap((chunk) => (chunk ? [chunk[4]] : [])));
  return names.map((name, i) => {
    const chunk = chunks[i];
    if (chunk) {
      const [, flowCell, status, barcode, run] = chunk;
      return `${runs.size > 1 ? `${run}_` : ''}${barcode ?? flowCell}${status === 'fail' ? '_fail' : ''}`;
    }
    return names.indexOf(name) !== names.lastIndexOf(name) ? `${parts(files[i]!).at(-2) ?? ''}_${name}` : name;
  });
}
