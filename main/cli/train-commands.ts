import type { Command } from 'commander';
import type { Engine } from '../api/engine.ts';
import type { TrainResult } from '../classify/bundle/train-request.ts';
import { positiveInt, positiveNumber, unitInterval, type CommandRunner } from './cli-options.ts';
import { jobAction } from './job-command.ts';


const figure = (x: number | null) => (x === null ? '  -  ' : x.toFixed(3));

function printTrainResult(result: TrainResult): void {
  const lines = [
    `trained a classifier bundle on ${result.records} references of ${result.reference} (${result.model} ${result.modelVersion} layer ${result.layer}) in ${result.seconds.toFixed(1)} s`,
    `  held out ${result.heldOut} references to fit temperatures and evaluate (then refitted on all):`,
    '  rank      classes      T  accuracy  precision  recall     F1    ECE',
  ];
  for (const r of result.ranks) {
    lines.push(`  ${r.rank.padEnd(8)} ${String(r.classes).padStart(8)} ${r.temperature.toFixed(3).padStart(6)}     ${figure(r.accuracy)}      ${figure(r.precision)}   ${figure(r.recall)}  ${figure(r.f1)}  ${figure(r.ece)}`);
  }
  lines.push(`  novelty distance ${result.noveltyDistance.toFixed(4)}; bundle: ${result.out} (bundle.json, head.onnx, labels.json, evaluation.json)`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** `seqatlas train`. */
export function addTrainCommands(program: Command, engine: Engine, run: CommandRunner): void {
  program
    .command('train')
    .description('train a classifier bundle (calibrated softmax head per rank) on a reference set, for classify --bundle')
    .requiredOption('-r, --reference <name>', 'reference set with lineages (see: seqatlas reference list)')
    .requiredOption('-s, --store <dir>', 'store folder')
    .requiredOption('-o, --out <dir>', 'bundle folder to write')
    .option('-m, --model <id>', "which of the reference's models to train on (default: its first)")
    .option('--layer <n>', 'which layer of that model', positiveInt)
    .option('--holdout <x>', 'share held out to calibrate and evaluate (default 0.2)', unitInterval)
    .option('--seed <n>', 'seed of the held-out split (default 1)', positiveInt)
    .option('--epochs <n>', 'most L-BFGS iterations per head (default 300)', positiveInt)
    .option('--l2 <x>', 'ridge penalty on the weights (default 1e-7)', positiveNumber)
    .option('--min-confidence <x>', 'probability threshold written for every rank (default 0.5)', unitInterval)
    .option('--read-error-rate <x>', 'train and calibrate for reads with this share of sequencing errors per base (Nanopore: about 0.05; default 0)', unitInterval)
    .option('--json', 'one JSON event per line on stdout')
    .action(
      jobAction(
        run,
        (options, runOptions) =>
          engine.train(
            {
              reference: options.reference, store: options.store, out: options.out, model: options.model, layer: options.layer,
              holdout: options.holdout, seed: options.seed, epochs: options.epochs, l2: options.l2, minConfidence: options.minConfidence, readErrorRate: options.readErrorRate,
            },
            runOptions,
          ),
        printTrainResult,
      ),
    );
}
