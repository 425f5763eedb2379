import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Engine } from '../api/engine.ts';
import type { ClusterResult } from '../cluster/cluster-request.ts';
import type { EvaluateEmbeddingResult } from '../evaluate/embedding-request.ts';
import { deviceOption, interruptible, positiveInt, threadsOption, type CommandRunner } from './cli-options.ts';
import { jobAction } from './job-command.ts';

const nonNegative = (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`"${value}" is not a number ≥ 0`);
  return n;
};

function printClusterResult(result: ClusterResult): void {
  const t = result.timings;
  process.stdout.write([
    `clustered ${result.points} points (${result.dim}-D) on the ${result.on === 'umap' ? 'UMAP map' : 'embeddings'}: ${result.clusters} clusters, ${result.noise} noise points, ${result.putativeNovel} putative novel`,
    `  ${result.seconds.toFixed(1)} s (load ${t.load.toFixed(1)}, UMAP ${t.umap.toFixed(1)}, HDBSCAN ${t.hdbscan.toFixed(1)}, summaries ${t.summaries.toFixed(1)})`,
    `  results: ${result.out}/umap.tsv, clusters.tsv, clusters.json`,
  ].join('\n') + '\n');
}

/** `seqatlas cluster` and `seqatlas evaluate embedding`. */
export function addClusterCommands(program: Command, engine: Engine, run: CommandRunner): void {
  addEvaluateEmbeddingCommand(program, engine, run);
  program
    .command('cluster')
    .description('map a dataset\'s embeddings with UMAP and find clusters with HDBSCAN (or any vectors given as TSV)')
    .option('-s, --store <dir>', 'store folder')
    .option('--run <dir>', 'a classify run: map its reads (store, datasets, model, layer from its run.json) and summarise its assignments')
    .option('--dataset <ids...>', 'dataset id(s) (see: seqatlas store info); several are mapped together')
    .option('-m, --model <id>', 'model whose embeddings to use')
    .option('--layer <n>', 'layer of that model (default: its first stored layer)', positiveInt)
    .option('--vectors <file>', 'TSV of id<TAB>value<TAB>value… instead of --store/--dataset/--model')
    .requiredOption('-o, --out <dir>', 'output folder')
    .addOption(new Option('--on <space>', 'what HDBSCAN clusters').choices(['umap', 'embedding']).default('umap'))
    .addOption(new Option('--metric <metric>', 'distance between embeddings').choices(['cosine', 'euclidean']).default('cosine'))
    .addOption(new Option('--dims <n>', 'UMAP output dimensions').choices(['2', '3']).default('2'))
    .option('--neighbours <n>', 'UMAP n_neighbors', positiveInt)
    .option('--epochs <n>', 'UMAP epochs (default: 200-500 by size)', positiveInt)
    .option('--seed <n>', 'random seed of the UMAP layout', positiveInt)
    .option('--min-cluster-size <n>', 'HDBSCAN min_cluster_size (default 15)', positiveInt)
    .option('--min-samples <n>', 'HDBSCAN min_samples (default: min_cluster_size)', positiveInt)
    .option('--epsilon <x>', 'HDBSCAN cluster_selection_epsilon', nonNegative)
    .addOption(new Option('--selection <method>', 'HDBSCAN cluster selection').choices(['eom', 'leaf']).default('eom'))
    .option('--assignments <file>', 'assignments.tsv of a classify run over the same reads (taxonomic composition per cluster)')
    .addOption(deviceOption('execution provider of the neighbour search').default('auto'))
    .addOption(threadsOption().default(0))
    .option('--json', 'one JSON event per line on stdout')
    .action(
      jobAction(
        run,
        (options, runOptions) =>
          engine.cluster(
            {
              run: options.run, store: options.store, dataset: options.dataset?.length === 1 ? options.dataset[0] : options.dataset, model: options.model, layer: options.layer, vectors: options.vectors, out: options.out,
              on: options.on, metric: options.metric, dims: Number(options.dims) as 2 | 3, neighbours: options.neighbours, epochs: options.epochs, seed: options.seed,
              minClusterSize: options.minClusterSize, minSamples: options.minSamples, epsilon: options.epsilon, selection: options.selection,
              assignments: options.assignments, device: options.device, threads: options.threads,
            },
            runOptions,
          ),
        printClusterResult,
      ),
    );
}

function printEmbeddingEvaluation(result: EvaluateEmbeddingResult): void {
  // Scores are fractions shown to 3 decimals; the one count (clusters found) is shown as is.
  const format = (key: string, value: number | null | undefined) => (value === null || value === undefined ? '–' : key === 'clusters' ? String(value) : value.toFixed(3));
  const columns = result.ranks[0] ? Object.entries(result.ranks[0].scores).flatMap(([bench, scores]) => Object.keys(scores).map((key) => [bench, key] as const)) : [];
  const rows = [
    ['rank', 'labelled', 'evaluated', 'classes', ...columns.map(([, key]) => key)],
    ...result.ranks.map((r) => [r.rank, String(r.labelled), String(r.evaluated), String(r.classes), ...columns.map(([bench, key]) => format(key, r.scores[bench]?.[key]))]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  for (const row of rows) process.stdout.write(`${row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')}\n`);
  process.stdout.write(`${result.dataset}, ${result.model} layer ${result.layer}, ${result.metric}: ${result.points} points, ${result.unlabelled} without a label; ${result.seconds.toFixed(1)} s\n`);
}

/** `seqatlas evaluate embedding`; `evaluate` is created by the annotate commands, which must be added first. */
export function addEvaluateEmbeddingCommand(program: Command, engine: Engine, run: CommandRunner): void {
  const evaluate = program.commands.find((command) => command.name() === 'evaluate');
  if (!evaluate) throw new Error('addEvaluateEmbeddingCommand needs the evaluate command: call addAnnotateCommands first');
  evaluate
    .command('embedding')
    .description('how well a model\'s embeddings separate known labels per rank: kNN, linear probe, silhouette, HDBSCAN ARI/NMI')
    .requiredOption('-s, --store <dir>', 'store folder')
    .requiredOption('--dataset <id>', 'dataset id (see: seqatlas store info)')
    .requiredOption('-m, --model <id>', 'model whose embeddings to evaluate')
    .option('--layer <n>', 'layer of that model (default: its first stored layer)', positiveInt)
    .requiredOption('-l, --labels <file>', 'TSV id<TAB>lineage (root first, ";"-separated) or id<TAB>label')
    .addOption(new Option('--metric <metric>', 'distance between embeddings').choices(['cosine', 'euclidean']).default('cosine'))
    .option('--benchmarks <names>', 'comma-separated benchmark names (default: all registered)', (value: string) => value.split(',').map((s) => s.trim()))
    .option('--max-points <n>', 'labelled points per rank the benchmarks see (seeded sample above it; default 3000)', positiveInt)
    .option('--seed <n>', 'seed of the sample and the probe', positiveInt)
    .addOption(deviceOption('execution provider of the neighbour search').default('auto'))
    .addOption(threadsOption().default(0))
    .option('--json', 'JSON output')
    .action(async (options) => {
      await run(Boolean(options.json), async () => {
        const result = await interruptible((control) =>
          engine.evaluateEmbedding(
            {
              store: options.store, dataset: options.dataset, model: options.model, layer: options.layer, labels: options.labels, metric: options.metric,
              benchmarks: options.benchmarks, maxPoints: options.maxPoints, seed: options.seed, device: options.device, threads: options.threads,
            },
            { control },
          ),
        );
        if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
        else printEmbeddingEvaluation(result);
      });
    });
}
