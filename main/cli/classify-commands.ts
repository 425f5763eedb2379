import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Engine } from '../api/engine.ts';
import type { ClassifyResult } from '../classify/classify-request.ts';
import { parseMinConfidence } from '../classify/rank-thresholds.ts';
import { addRuntimeOverrides, positiveInt, removeGapsOption, runtimeOverride, type CommandRunner } from './cli-options.ts';
import { percentOf } from './cli-output.ts';
import { jobAction } from './job-command.ts';
import { MAX_READ_ERROR_RATE } from '../classify/read-error-bound.ts';

/** Samples named in the printed result; a count table's hundred samples are counted instead. */
const SAMPLES_LISTED = 8;

function printClassifyResult(result: ClassifyResult): void {
  const against = result.bundle ? `bundle ${result.bundle.dir} (trained on ${result.reference}, ` : `${result.reference} (`;
  const lines = [`classified ${result.reads} reads (total abundance ${result.abundance}) against ${against}${result.model} layer ${result.layer}) in ${result.seconds.toFixed(1)} s`];
  if (result.fitted) {
    const noisy = result.fitted.readErrorRate > 0 ? ` for reads with ${(100 * result.fitted.readErrorRate).toFixed(1)}% errors` : '';
    lines.push(`  fitted on the reference${noisy}${result.fitted.cached ? ' (kept from an earlier run)' : ''}: k=${result.fitted.k}, bandwidth ${result.fitted.bandwidth}, novelty distance ${result.fitted.noveltyDistance.toFixed(4)}`);
  }
  if (result.bundle) lines.push(`  bundle novelty distance ${result.bundle.noveltyDistance.toFixed(4)}`);
  lines.push(`  min confidence: ${Object.entries(result.minConfidence).map(([rank, x]) => `${rank} ${x}`).join(', ')}`);
  for (const [rank, count] of Object.entries(result.assigned)) lines.push(`  ${rank.padEnd(8)} ${String(count).padStart(8)} assigned (${percentOf(count, result.reads)})`);
  const samples = result.samples.length <= SAMPLES_LISTED ? result.samples.join(', ') : `${result.samples.length} (${result.samples.slice(0, SAMPLES_LISTED).join(', ')}, …)`;
  lines.push(`  novel: ${result.novel}; samples: ${samples}`);
  if (result.reverseStrand !== null) lines.push(`  both strands compared: ${result.reverseStrand} reads named from their reverse complement`);
  if (result.chimeras !== null) lines.push(`  chimeras of two references: ${result.chimeras}`);
  lines.push(`  results: ${result.out}/assignments.tsv, taxon_table.tsv, summary.json${result.chimeras ? ', chimeras.tsv' : ''}`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

const readErrorRateArgument = (value: string): number | 'auto' => {
  const rate = Number(value);
  if (value === 'auto') return value;
  if (value.trim() === '' || !Number.isFinite(rate) || rate < 0 || rate > MAX_READ_ERROR_RATE) throw new InvalidArgumentError(`"${value}" is neither auto nor an error rate per base from 0 to ${MAX_READ_ERROR_RATE} (0.05: one base in twenty wrong)`);
  return rate;
};

const minConfidenceArgument = (value: string) => {
  const parsed = parseMinConfidence(value);
  if (parsed === null) throw new InvalidArgumentError(`"${value}" is neither a number between 0 and 1 nor rank=number pairs such as genus=0.8,default=0.5`);
  return parsed;
};

/** `seqatlas classify`. */
export function addClassifyCommands(program: Command, engine: Engine, run: CommandRunner): void {
  addRuntimeOverrides(
    program
      .command('classify')
      .description('assign a taxon to every read from its nearest labelled references (or a trained bundle), with calibrated confidence and novelty')
      .requiredOption('-i, --input <files...>', 'reads, FASTA/FASTQ files (plain or .gz) or folders of them, each file a sample unless ;sample=X tags or --sample-map say otherwise; ;size=N tags are used')
      .option('-r, --reference <name>', 'reference set with lineages (see: seqatlas reference list)')
      .option('-b, --bundle <dir>', 'instead of --reference: a classifier bundle folder made by seqatlas train')
      .requiredOption('-s, --store <dir>', 'store folder')
      .requiredOption('-o, --out <dir>', 'output folder')
      .option('-c, --config <file>', 'run configuration (YAML); flags below override its keys')
      .option('-k, --k <n>', 'voting neighbours (default: fitted on the reference)', positiveInt)
      .option('--min-confidence <x>', "leave ranks below this calibrated confidence unassigned (0-1; 0: full lineage; default 0.5, or a bundle's own thresholds); per rank: genus=0.8,default=0.5", minConfidenceArgument)
      .option('--read-error-rate <x>', "the reads' sequencing errors per base, to calibrate for (Nanopore: about 0.05); default auto: what FASTQ qualities state, 0 for FASTA", readErrorRateArgument)
      .option('--sample-map <file>', 'TSV read_id<TAB>sample for reads without ;sample= in their header')
      .option('--counts <file>', 'ASV/OTU x sample count table (vsearch --otutabout, BIOM TSV, DADA2 seqtab as TSV/CSV): each read is counted in every sample the table names')
      .option('-m, --model <id>', "which of the reference's models to use")
      .option('--layer <n>', 'which layer of that model', positiveInt)
      .addOption(removeGapsOption())
      .addOption(new Option('--strand <strand>', 'DNA reads: compare each read and its reverse complement (both, the default) or take reads as written (forward)').choices(['both', 'forward']))
      .option('--no-chimera-check', 'skip the check for chimeras of two references (chimeras.tsv)')
  )
    .option('--json', 'one JSON event per line on stdout')
    .action(
      jobAction(run, (options, runOptions) => {
        const overrides: Record<string, unknown> = {};
        if (options.k !== undefined) overrides.k = options.k;
        if (options.minConfidence !== undefined) overrides.min_confidence = options.minConfidence;
        if (options.readErrorRate !== undefined) overrides.calibration = { read_error_rate: options.readErrorRate };
        if (options.sampleMap) overrides.sample_map = options.sampleMap;
        if (options.counts) overrides.counts = options.counts;
        if (options.model) overrides.model = options.model;
        if (options.layer !== undefined) overrides.layer = options.layer;
        if (options.removeGaps) overrides.remove_gaps = true;
        if (options.strand) overrides.strand = options.strand;
        if (options.chimeraCheck === false) overrides.chimera_check = false;
        Object.assign(overrides, runtimeOverride(options));
        return engine.classify(
          { input: options.input.length === 1 ? options.input[0] : options.input, reference: options.reference, bundle: options.bundle, store: options.store, out: options.out, config: options.config, overrides },
          runOptions,
        );
      }, printClassifyResult),
    );
}
