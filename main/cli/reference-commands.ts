import { Option, type Command } from 'commander';
import type { Engine } from '../api/engine.ts';
import { addBatchOptions, addPrimerOptions, batchLimits, deviceOption, intList, primerRegion, removeGapsOption, threadsOption, type CommandRunner } from './cli-options.ts';
import { printReference, printReferenceBuild } from './cli-reports.ts';
import { jobAction } from './job-command.ts';

/** `seqatlas reference build|list|describe|delete`. */
export function addReferenceCommands(program: Command, engine: Engine, run: CommandRunner): void {
  const reference = program.command('reference').description('labelled reference sets (taxonomy, GO annotations) for lookup');
  addPrimerOptions(addBatchOptions(
    reference
      .command('build')
      .description('embed a labelled FASTA as a reference set (resumable; run again with another --model to add it)')
      .requiredOption('-i, --input <file>', 'reference FASTA (labels in headers, or in side files)')
      .requiredOption('-n, --name <name>', 'reference set name')
      .requiredOption('-m, --model <id>', 'model bundle id')
      .requiredOption('-s, --store <dir>', 'store folder (created when missing)')
      .option('--layers <ids>', 'comma-separated layer ids (default: the bundle\'s first)', intList)
      .option('--taxonomy <file>', 'id → lineage (or NCBI taxid) TSV, as QIIME/RDP taxonomy files')
      .option('--go-annotations <file>', 'GO annotations: TSV (id, GO ids) or GAF 2.2')
      .option('--ontology <file>', 'Gene Ontology as OBO (go-basic.obo) or GO SQLite; needed with --go-annotations')
      .addOption(new Option('--label-format <format>', 'header label format').choices(['auto', 'none', 'tab-lineage', 'sintax', 'prefixed-lineage', 'semicolon-lineage', 'taxid']).default('auto'))
      .addOption(removeGapsOption())
      .addOption(deviceOption().default('auto'))
      .addOption(threadsOption().default(0))
  ))
    .option('--json', 'one JSON event per line on stdout')
    .action(
      jobAction(
        run,
        (options, runOptions) =>
          engine.buildReference(
            {
              input: options.input, name: options.name, model: options.model, store: options.store, layers: options.layers,
              taxonomy: options.taxonomy, goAnnotations: options.goAnnotations, ontology: options.ontology, labelFormat: options.labelFormat,
              removeGaps: Boolean(options.removeGaps), region: primerRegion(options), device: options.device, threads: options.threads, batch: batchLimits(options),
            },
            runOptions,
          ),
        printReferenceBuild,
      ),
    );

  reference
    .command('list')
    .description('reference sets of a store')
    .requiredOption('-s, --store <dir>', 'store folder')
    .option('--json', 'JSON output')
    .action(async (options) => {
      await run(Boolean(options.json), async () => {
        const references = await engine.listReferences(options.store);
        if (options.json) process.stdout.write(`${JSON.stringify(references)}\n`);
        else if (references.length === 0) process.stdout.write('no reference sets (build one with: seqatlas reference build)\n');
        else references.forEach(printReference);
      });
    });

  reference
    .command('describe')
    .description('counts, label coverage, models and layers of a reference set')
    .requiredOption('-s, --store <dir>', 'store folder')
    .requiredOption('-n, --name <name>', 'reference set name')
    .option('--json', 'JSON output')
    .action(async (options) => {
      await run(Boolean(options.json), async () => {
        const description = await engine.describeReference(options.store, options.name);
        if (options.json) process.stdout.write(`${JSON.stringify(description)}\n`);
        else printReference(description);
      });
    });

  reference
    .command('delete')
    .description('delete a reference set with its labels and vectors')
    .requiredOption('-s, --store <dir>', 'store folder')
    .requiredOption('-n, --name <name>', 'reference set name')
    .option('--json', 'JSON output')
    .action(async (options) => {
      await run(Boolean(options.json), async () => {
        const deleted = await engine.deleteReference(options.store, options.name);
        if (options.json) process.stdout.write(`${JSON.stringify(deleted)}\n`);
        else process.stdout.write(`deleted reference ${deleted.name}${deleted.deletedRows ? ' and its vectors' : ' (its vectors stay: another reference set uses them)'}\n`);
      });
    });
}
