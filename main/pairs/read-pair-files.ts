import { SEQUENCE_FILE_NAME } from '../io/sequence-file-names.ts';

/** The two files of one paired-end sample, and the sample's name. */
export interface PairedFiles {
  sample: string;
  forward: string;
  reverse: string;
}

/**
 * How sequencers name the two reads of a pair: Illumina's `NAME_S1_L001_R1_001.fastq.gz`, and the shorter
 * `NAME_R1.fq`, `NAME.R1.fastq`, `NAME_1.fastq.gz` (SRA's fastq-dump --split-files). Group 1 is the sample (the
 * Illumina sample sheet's name, without the `_S1_L001` sample number and lane), group 2 the read (1 or 2).
 */
const PAIRED_NAME = /^(.+?)(?:_S\d+)?(?:_L\d{3})?[._-]R?([12])(?:_001)?$/d;

/** Either separator: paths may come from Windows. No node:path, so the renderer can use this module too. */
const fileName = (path: string): string => path.split(/[\\/]/).at(-1) ?? path;
const folderOf = (path: string): string => path.slice(0, path.length - fileName(path).length);
const folderName = (path: string): string => path.split(/[\\/]/).at(-2) ?? '';

/**
 * The paired-end samples among sequence files: FASTQ files whose names differ only in the read number (1 or 2, in the
 * same folder) form a pair. Files without a partner are left as they are (single reads, or already merged). The lanes
 * of a sample in one folder share its name; a sample name found in several folders (two runs, each with its `S1`)
 * gets its folder's name before it, as sampleNamesOfFiles does for single-read files, so two runs' samples are not
 * merged into one.
 */
export function pairReadFiles(files: readonly string[]): { pairs: PairedFiles[]; single: string[] } {
  const byKey = new Map<string, { sample: string; reads: Map<string, string> }>();
  const single: string[] = [];
  for (const file of files) {
    const name = fileName(file);
    const extension = SEQUENCE_FILE_NAME.exec(name)?.[0] ?? '';
    // Only FASTQ: merging needs base qualities, and FASTA files named lake_1.fa and lake_2.fa are more likely two samples.
    const match = /^\.(fq|fastq)(\.gz)?$/i.test(extension) ? PAIRED_NAME.exec(name.slice(0, name.length - extension.length)) : null;
    if (!match) {
      single.push(file);
      continue;
    }
    // The key is the path with its read number blanked: NAME_S1_L001_R?_001.fastq.gz in that folder.
    const at = match.indices![2]![0];
    const key = `${folderOf(file)}${name.slice(0, at)}?${name.slice(at + 1)}`;
    const entry = byKey.get(key) ?? { sample: match[1]!, reads: new Map<string, string>() };
    if (entry.reads.has(match[2]!)) single.push(file);
    else entry.reads.set(match[2]!, file);
    byKey.set(key, entry);
  }
  const pairs: PairedFiles[] = [];
  for (const { sample, reads } of byKey.values()) {
    const forward = reads.get('1');
    const reverse = reads.get('2');
    if (forward && reverse) pairs.push({ sample, forward, reverse });
    else single.push(...reads.values());
  }
  const foldersOf = new Map<string, Set<string>>();
  for (const { sample, forward } of pairs) foldersOf.set(sample, (foldersOf.get(sample) ?? new Set()).add(folderOf(forward)));
  const named = pairs.map((pair) => (foldersOf.get(pair.sample)!.size > 1 ? { ...pair, sample: `${folderName(pair.forward)}_${pair.sample}` } : pair));
  return { pairs: named, single };
}
