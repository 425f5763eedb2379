import { Option, type Command } from 'commander';
import type { Engine } from '../api/engine.ts';
import { addRuntimeOverrides, positiveInt, removeGapsOption, runtimeOverride, unitInterval, type CommandRunner } from './cli-options.ts';
import { printAnnotateResult, printGoEvaluation } from './cli-reports.ts';
import { jobAction } from './job-command.ts';

const taxonList = (value: string): (number | string)[] =>
  value.split(',').map((part) => part.trim()).filter(Boolean).map((part) => (/^\d+$/.test(part) ? Number(part) : part));

/** `seqatlas annotate` and `seqatlas evaluate go`. */
export function addAnnotateCommands(program: Command, engine: Engine, run: CommandRunner): void {
  addRuntimeOverrides(
    program
      .command('annotate')
      .description('transfer GO terms from a reference set to queries by embedding similarity (goPredSim / FANTASIA)')
      .option('-i, --input <file>', 'query FASTA/FASTQ (embedded into the store with the reference\'s models)')
      .option('--from-h5 <file>', 'lookup only: query embeddings in FANTASIA\'s HDF5 layout')
      .requiredOption('-r, --reference <name>', 'reference set (see: seqatlas reference list)')
      .requiredOption('-s, --store <dir>', 'store folder')
      .requiredOption('-o, --out <dir>', 'output folder')
      .option('-c, --config <file>', 'run configuration (YAML); flags below override its keys')
      .option('-k, --limit-per-entry <n>', 'nearest references per query and layer', positiveInt)
      .addOption(new Option('--metric <metric>', 'distance').choices(['cosine', 'euclidean']))
      .addOption(new Option('--candidates <source>', 'where hits come from: embedding neighbours, the homology seed prefilter (proteins), or both').choices(['embedding', 'seeds', 'both']))
      .option('--align', 'align each query with its hits (global and local) and report the metrics')
      .option('--redundancy-filter <identity>', 'exclude references at or above this identity to the query (0-1)', unitInterval)
      .option('--alignment-coverage <share>', 'coverage both sides need for the redundancy filter (0-1)', unitInterval)
      .option('--exclude-taxa <list>', 'comma-separated taxids or taxon names to exclude')
      .option('--include-taxa <list>', 'comma-separated taxids or taxon names to search exclusively')
      .option('--descendants', 'taxon filters include descendants')
      .addOption(removeGapsOption())
  )
    .option('--json', 'one JSON event per line on stdout')
    .action(
      jobAction(run, (options, runOptions) => {
        const overrides: Record<string, unknown> = {};
        if (options.limitPerEntry !== undefined) overrides.limit_per_entry = options.limitPerEntry;
        if (options.metric) overrides.distance_metric = options.metric;
        if (options.candidates) overrides.candidates = { source: options.candidates };
        if (options.align) overrides.alignment = { enabled: true };
        if (options.redundancyFilter !== undefined) overrides.redundancy_filter = options.redundancyFilter;
        if (options.alignmentCoverage !== undefined) overrides.alignment_coverage = options.alignmentCoverage;
        if (options.excludeTaxa) overrides.taxonomy_ids_to_exclude = taxonList(options.excludeTaxa);
        if (options.includeTaxa) overrides.taxonomy_ids_included_exclusively = taxonList(options.includeTaxa);
        if (options.descendants) overrides.get_descendants = true;
        if (options.removeGaps) overrides.remove_gaps = true;
        Object.assign(overrides, runtimeOverride(options));
        return engine.annotate(
          { input: options.input, fromH5: options.fromH5, reference: options.reference, store: options.store, out: options.out, config: options.config, overrides },
          runOptions,
        );
      }, printAnnotateResult),
    );

  const evaluate = program.command('evaluate').description('score predictions against known labels');
  evaluate
    .command('go')
    .description('CAFA protein-centric Fmax, precision and recall per GO namespace (annotations propagated to the root)')
    .requiredOption('-p, --predictions <path>', 'annotate output folder (its topgo/ensemble files), a .topgo file, or a TSV of accession, GO id, score')
    .requiredOption('-t, --truth <file>', 'true annotations: TSV of accession and GO ids')
    .requiredOption('--ontology <file>', 'Gene Ontology as OBO or GO SQLite')
    .option('--bootstrap <n>', 'resample the proteins n times for a 95% interval of each Fmax (CAFA uses 10000)', positiveInt)
    .option('--json', 'JSON output')
    .action(async (options) => {
      await run(Boolean(options.json), async () => {
        const result = await engine.evaluateGo({ predictions: options.predictions, truth: options.truth, ontology: options.ontology, bootstrap: options.bootstrap });
        if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
        else printGoEvaluation(result);
      });
    });
}
