import { Command, CommanderError, Option } from 'commander';
import { Engine } from '../api/engine.ts';
import { SEQATLAS_VERSION } from '../shared/version.ts';
import { EXIT_ERROR, EXIT_OK, EXIT_USAGE, reportError } from './cli-output.ts';
import { printEmbedResult, printIssues, printModels, printStoreInfo } from './cli-reports.ts';
import { addAnnotateCommands } from './annotate-commands.ts';
import { addExportCommands } from './export-commands.ts';
import { addClassifyCommands } from './classify-commands.ts';
import { addServeCommands } from './serve-commands.ts';
import { addClusterCommands } from './cluster-commands.ts';
import { addBatchOptions, addPrimerOptions, batchLimits, deviceOption, intList, positiveInt, primerRegion, removeGapsOption, threadsOption } from './cli-options.ts';
import { addReferenceCommands } from './reference-commands.ts';
import { addTrainCommands } from './train-commands.ts';
import { addInspectCommand } from './inspect-command.ts';
import { addMergeCommands } from './merge-commands.ts';
import { jobAction } from './job-command.ts';

function buildProgram(engine: Engine, setExit: (code: number) => void): Command {
  const program = new Command('seqatlas')
    .description('Offline embedding, reference lookup and discovery for eDNA barcodes and proteins')
    .version(SEQATLAS_VERSION)
    .option('--models-dir <dir...>', 'extra folders with model bundles')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();

  const run = async (json: boolean, work: () => Promise<void>) => {
    try {
      await work();
      setExit(EXIT_OK);
    } catch (error) {
      setExit(reportError(error, json));
    }
  };

  addPrimerOptions(addBatchOptions(
    program
      .command('embed')
      .description('read a FASTA/FASTQ file (plain or gzip), embed every accepted record and store sequences and vectors')
      .requiredOption('-i, --input <file>', 'FASTA or FASTQ file, plain or .gz')
      .requiredOption('-m, --model <id>', 'model bundle id (see: seqatlas models list)')
      .requiredOption('-s, --store <dir>', 'store folder (created when missing)')
      .option('--dataset <name>', 'dataset name (default: the file name)')
      .addOption(removeGapsOption())
      .addOption(deviceOption().default('auto'))
      .option('--layers <ids>', 'comma-separated layer ids of the bundle (default: its first layer)', intList)
      .addOption(threadsOption().default(0))
      .addOption(new Option('--precision <p>', 'model precision').choices(['auto', 'fp32', 'fp16']).default('auto'))
  ))
    .option('--json', 'one JSON event per line on stdout')
    .action(
      jobAction(
        run,
        (options, runOptions) =>
          engine.embed(
            {
              input: options.input, store: options.store, model: options.model, dataset: options.dataset, device: options.device,
              layers: options.layers, removeGaps: Boolean(options.removeGaps), region: primerRegion(options), threads: options.threads, precision: options.precision,
              batch: batchLimits(options),
            },
            runOptions,
          ),
        printEmbedResult,
      ),
    );

  const models = program.command('models').description('model bundles');
  models
    .command('list')
    .description('list installed model bundles and any invalid ones')
    .option('--json', 'JSON output')
    .action(async (options) => {
      await run(Boolean(options.json), async () => {
        const listing = await engine.listModels();
        if (options.json) process.stdout.write(`${JSON.stringify({ bundles: listing.bundles.map((b) => ({ dir: b.dir, ...b.manifest })), problems: listing.problems })}\n`);
        else printModels(listing);
      });
    });

  const store = program.command('store').description('inspect a store');
  store
    .command('info')
    .description('datasets, embeddings, jobs and tables of a store')
    .requiredOption('-s, --store <dir>', 'store folder')
    .option('--json', 'JSON output')
    .action(async (options) => {
      await run(Boolean(options.json), async () => {
        const info = await engine.storeInfo(options.store);
        if (options.json) process.stdout.write(`${JSON.stringify(info)}\n`);
        else printStoreInfo(info);
      });
    });

  store
    .command('issues')
    .description('the records of a dataset that were rejected at import, with the reason')
    .requiredOption('-s, --store <dir>', 'store folder')
    .requiredOption('--dataset <id>', 'dataset id (see: seqatlas store info)')
    .option('--limit <n>', 'most issues to print', positiveInt, 1000)
    .option('--json', 'JSON output')
    .action(async (options) => {
      await run(Boolean(options.json), async () => {
        const issues = await engine.importIssues(options.store, options.dataset, options.limit);
        if (options.json) process.stdout.write(`${JSON.stringify(issues)}\n`);
        else printIssues(issues);
      });
    });

  program
    .command('export-h5')
    .description("write a dataset's embeddings to HDF5 in FANTASIA's layout")
    .requiredOption('-s, --store <dir>', 'store folder')
    .requiredOption('--dataset <id>', 'dataset id (see: seqatlas store info)')
    .requiredOption('-o, --out <file>', 'HDF5 file to write')
    .option('-m, --model <id>', 'only this model')
    .option('--layers <ids>', 'only these layers', intList)
    .option('--json', 'JSON output')
    .action(async (options) => {
      await run(Boolean(options.json), async () => {
        const result = await engine.exportH5({ store: options.store, dataset: options.dataset, out: options.out, model: options.model, layers: options.layers });
        if (options.json) process.stdout.write(`${JSON.stringify({ type: 'result', result })}\n`);
        else process.stdout.write(`wrote ${result.embeddings} embeddings of ${result.accessions} sequences to ${result.out}\n`);
      });
    });

  program
    .command('import-h5')
    .description("import embeddings from an HDF5 file in FANTASIA's layout as a dataset")
    .requiredOption('-s, --store <dir>', 'store folder (created when missing)')
    .requiredOption('-i, --input <file>', 'HDF5 file')
    .option('--dataset <name>', 'dataset name (default: the file name)')
    .option('--json', 'JSON output')
    .action(async (options) => {
      await run(Boolean(options.json), async () => {
        const result = await engine.importH5({ store: options.store, input: options.input, dataset: options.dataset });
        if (options.json) process.stdout.write(`${JSON.stringify({ type: 'result', result })}\n`);
        else process.stdout.write(`imported ${result.embeddings} embeddings of ${result.accessions} sequences as dataset ${result.datasetId} (${result.tables.join(', ')})\n`);
      });
    });

  addReferenceCommands(program, engine, run);
  addAnnotateCommands(program, engine, run);
  addExportCommands(program, engine, run);
  addInspectCommand(program, run);
  addMergeCommands(program, engine, run);
  addClassifyCommands(program, engine, run);
  addTrainCommands(program, engine, run);
  addServeCommands(program, engine, run);
  addClusterCommands(program, engine, run);
  return program;
}

async function main(): Promise<number> {
  let exitCode = EXIT_OK;
  const bootstrap = new Command().allowUnknownOption().helpOption(false).option('--models-dir <dir...>');
  bootstrap.parseOptions(process.argv.slice(2));
  const engine = new Engine({ modelDirs: bootstrap.opts().modelsDir as string[] | undefined });
  const program = buildProgram(engine, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; every other commander error is a usage error.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    return reportError(error, false);
  }
  return exitCode;
}

process.exitCode = await main().catch(() => EXIT_ERROR);
