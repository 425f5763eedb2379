import type { Command } from 'commander';
import type { Engine } from '../api/engine.ts';
import type { DenoiseResult } from '../derep/denoise-request.ts';
import type { DereplicateResult } from '../derep/derep-request.ts';
import { FILTER_FAILURES } from '../filter/read-filter.ts';
import type { FilterReadsResult } from '../filter/filter-request.ts';
import { FAILURES, type MergePairsResult } from '../pairs/merge-request.ts';
import { positiveInt, positiveNumber, primerPairArgument, primerRegion, type CommandRunner } from './cli-options.ts';
import { percentOf } from './cli-output.ts';
import { jobAction } from './job-command.ts';


function printMergeResult(result: MergePairsResult): void {
  const lines = [`merged ${result.merged} of ${result.readPairs} read pairs (${percentOf(result.merged, result.readPairs)}) of ${result.samples.length} samples in ${result.seconds.toFixed(1)} s`];
  for (const s of result.samples) {
    const failed = FAILURES.filter((reason) => s.failed[reason] > 0).map((reason) => `${reason} ${s.failed[reason]}`);
    const shape = s.meanLength === null ? '' : `, mean length ${s.meanLength.toFixed(0)}, overlap ${s.meanOverlap!.toFixed(0)}`;
    lines.push(`  ${s.sample}: ${s.merged} of ${s.readPairs} merged (${percentOf(s.merged, s.readPairs)}${shape})${failed.length > 0 ? `; not merged: ${failed.join(', ')}` : ''}`);
  }
  if (result.unpaired.length > 0) lines.push(`  not paired (left as they are): ${result.unpaired.length} files`);
  lines.push(`  results: ${result.out}/<sample>.fastq, merge_report.tsv; classify them with: seqatlas classify --input ${result.out} …`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

function printFilterResult(result: FilterReadsResult): void {
  const lines = [`kept ${result.kept} of ${result.reads} reads (${percentOf(result.kept, result.reads)}) of ${result.samples.length} files in ${result.seconds.toFixed(1)} s`];
  for (const s of result.samples) {
    const dropped = FILTER_FAILURES.filter((reason) => s.dropped[reason] > 0).map((reason) => `${reason} ${s.dropped[reason]}`);
    const shape = s.meanLength === null ? '' : `, mean length ${s.meanLength.toFixed(0)}, expected errors ${s.meanExpectedErrors!.toFixed(2)}`;
    lines.push(`  ${s.sample}: ${s.kept} of ${s.reads} kept (${percentOf(s.kept, s.reads)}${shape})${dropped.length > 0 ? `; dropped: ${dropped.join(', ')}` : ''}`);
  }
  lines.push(`  results: ${result.out}/<sample>.fastq, filter_report.tsv; denoise or classify them with: seqatlas denoise --input ${result.out} …`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

function printDereplicateResult(result: DereplicateResult): void {
  const dropped = result.belowMinSize.uniques > 0 ? `; ${result.belowMinSize.uniques} rarer ones (${result.belowMinSize.reads} reads) left out` : '';
  process.stdout.write(`${result.reads} reads of ${result.samples.length} samples: ${result.uniques} unique sequences${dropped}, in ${result.seconds.toFixed(1)} s\n  results: ${result.out}, ${result.counts}; classify them with: seqatlas classify --input ${result.out} --counts ${result.counts} …\n`);
}

function printDenoiseResult(result: DenoiseResult): void {
  const unmapped = result.unmapped > 0 ? `; ${result.unmapped} reads near none, left out` : '';
  const chimeras = result.chimeras.sequences > 0 ? `; ${result.chimeras.sequences} chimeras (${result.chimeras.reads} reads) dropped` : '';
  process.stdout.write(`${result.reads} reads (${result.uniques} unique sequences) of ${result.samples.length} samples: ${result.zotus} denoised sequences, ${result.mapped} reads counted for them${unmapped}${chimeras}, in ${result.seconds.toFixed(1)} s\n  results: ${result.out}, ${result.counts}; classify them with: seqatlas classify --input ${result.out} --counts ${result.counts} …\n`);
}

/** `seqatlas merge-pairs`, `filter`, `derep` and `denoise`: preparing amplicon reads for classify. */
export function addMergeCommands(program: Command, engine: Engine, run: CommandRunner): void {
  program
    .command('filter')
    .description('cut single-end reads (Illumina, Ion Torrent, Nanopore FASTQ) to their primers, truncate and quality-filter them, as vsearch --fastq_filter / DADA2 filterAndTrim: one FASTQ per sample')
    .requiredOption('-i, --input <paths...>', 'single-end FASTQ files (plain or .gz) or folders of them (a MinKNOW fastq_pass folder); each file a sample, MinKNOW chunks by barcode')
    .requiredOption('-o, --out <dir>', 'output folder: <sample>.fastq per sample (a file, or MinKNOW\'s chunk files of a barcode), filter_report.tsv')
    .option('--primers <forward,reverse>', "keep what follows the forward primer, up to the reverse primer where the read reaches it (primers removed; 5'→3' as published, IUPAC codes; either strand); reads without the forward primer are dropped", primerPairArgument)
    .option('--primer-mismatches <n>', 'mismatches allowed in each primer site (default: a fifth of its length)', positiveInt)
    .option('--require-both-primers', 'also drop reads without the reverse primer (reads spanning the whole amplicon: Nanopore, short markers)')
    .option('--trunc-q <q>', 'truncate each read at its first base of this Phred quality or lower (DADA2 truncQ 2)', positiveInt)
    .option('--trunc-len <n>', 'truncate reads to this length and drop shorter ones', positiveInt)
    .option('--min-length <n>', 'drop reads shorter than this (default 20)', positiveInt)
    .option('--max-length <n>', 'drop reads longer than this', positiveInt)
    .option('--max-ns <n>', 'drop reads with more ambiguous bases than this (default 0)', positiveInt)
    .option('--max-ee <x>', 'drop reads with more expected errors than this (default 1, unless --max-ee-rate is given)', positiveNumber)
    .option('--max-ee-rate <x>', 'drop reads with more expected errors per base than this (for long reads, e.g. 0.05)', positiveNumber)
    .option('--json', 'one JSON event per line on stdout')
    .action(
      jobAction(
        run,
        (options, runOptions) =>
          engine.filterReads(
            {
              input: options.input.length === 1 ? options.input[0] : options.input, out: options.out, primers: primerRegion(options),
              requireBothPrimers: options.requireBothPrimers === true ? true : undefined, truncateQuality: options.truncQ, truncateLength: options.truncLen,
              minLength: options.minLength, maxLength: options.maxLength, maxAmbiguous: options.maxNs, maxExpectedErrors: options.maxEe, maxErrorRate: options.maxEeRate,
            },
            runOptions,
          ),
        printFilterResult,
      ),
    );
  program
    .command('denoise')
    .description('the true sequences among amplicon reads (UNOISE zero-radius OTUs, as vsearch --cluster_unoise) and every read counted for one: FASTA and count table for classify --counts')
    .requiredOption('-i, --input <paths...>', 'merged, primer-cut reads, FASTA/FASTQ files (plain or .gz) or folders of them; each file a sample unless ;sample=X tags say otherwise')
    .requiredOption('-o, --out <file>', 'FASTA of the denoised sequences to write')
    .requiredOption('--counts <file>', 'count table to write (denoised sequences × samples)')
    .option('--min-size <n>', 'unique sequences seen fewer times are not candidates (default 8, as UNOISE)', positiveInt)
    .option('--alpha <x>', "UNOISE's alpha (default 2)", positiveNumber)
    .option('--relabel <prefix>', 'name the denoised sequences PREFIX1, PREFIX2, … (default Zotu)')
    .option('--no-chimeras', 'keep denoised sequences that are chimeras of two more abundant ones (default: drop them)')
    .option('--json', 'one JSON event per line on stdout')
    .action(
      jobAction(
        run,
        (options, runOptions) =>
          engine.denoise({
            input: options.input.length === 1 ? options.input[0] : options.input, out: options.out, counts: options.counts, minSize: options.minSize, alpha: options.alpha,
            relabel: options.relabel, chimeras: options.chimeras !== false,
          }, runOptions),
        printDenoiseResult,
      ),
    );
  program
    .command('derep')
    .description('the unique sequences of reads (FASTA, most abundant first, ;size=N) and their counts per sample (a count table for classify --counts)')
    .requiredOption('-i, --input <paths...>', 'reads, FASTA/FASTQ files (plain or .gz) or folders of them; each file a sample unless ;sample=X tags say otherwise')
    .requiredOption('-o, --out <file>', 'FASTA of the unique sequences to write')
    .requiredOption('--counts <file>', 'count table to write (unique sequences × samples)')
    .option('--min-size <n>', 'leave out unique sequences seen fewer times than this in all samples together (2 drops singletons)', positiveInt)
    .option('--relabel <prefix>', 'name the unique sequences PREFIX1, PREFIX2, … (default Uniq)')
    .option('--json', 'one JSON event per line on stdout')
    .action(
      jobAction(
        run,
        (options, runOptions) =>
          engine.dereplicate({ input: options.input.length === 1 ? options.input[0] : options.input, out: options.out, counts: options.counts, minSize: options.minSize, relabel: options.relabel }, runOptions),
        printDereplicateResult,
      ),
    );
  program
    .command('merge-pairs')
    .description('merge the forward and reverse reads of paired-end amplicons (NAME_R1/NAME_R2 FASTQ files) into one read per pair, one FASTQ per sample')
    .requiredOption('-i, --input <paths...>', 'paired FASTQ files (plain or .gz) or folders of them, as the sequencer wrote them')
    .requiredOption('-o, --out <dir>', 'output folder: <sample>.fastq per sample, merge_report.tsv')
    .option('--min-overlap <n>', 'fewest overlapping bases (default 16)', positiveInt)
    .option('--max-diffs <n>', 'most mismatches in the overlap (default 10)', positiveInt)
    .option('--max-ee <x>', 'drop merged reads with more expected errors than this (1 is usual; default: keep all)', positiveNumber)
    .option('--min-length <n>', 'drop merged reads shorter than this', positiveInt)
    .option('--allow-stagger', 'merge pairs whose insert is shorter than the reads, keeping the overlap (default: refuse them)')
    .option('--primers <forward,reverse>', "cut each merged read to the region between these primers, primers removed (5'→3' as published, IUPAC codes); reads without both are dropped", primerPairArgument)
    .option('--primer-mismatches <n>', 'mismatches allowed in each primer site (default: a fifth of its length)', positiveInt)
    .option('--json', 'one JSON event per line on stdout')
    .action(
      jobAction(
        run,
        (options, runOptions) =>
          engine.mergePairs(
            {
              input: options.input.length === 1 ? options.input[0] : options.input, out: options.out, minOverlap: options.minOverlap, maxDiffs: options.maxDiffs,
              maxExpectedErrors: options.maxEe, minLength: options.minLength, allowStagger: options.allowStagger === true ? true : undefined, region: primerRegion(options),
            },
            runOptions,
          ),
        printMergeResult,
      ),
    );
}
