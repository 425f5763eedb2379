import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Engine } from '../../main/api/engine.ts';
import { writeKmerTestBundle } from '../helpers/test-bundles.ts';
import { checkpointHolds, cli, compareWithClean, SAMPLE_16S, seededRandom, type CliOptions, type CliRun } from './fault-kit.ts';

/** The model every kill trial embeds with: a small k-mer bundle whose manifest caps batches at 2 records. */
export const KILL_MODEL = 'kill-kmer';
export const KILL_TABLE = 'emb_kill_kmer_l0';

const REFERENCE_NAME = 'sample16s';

export type KillJob = 'embed' | 'reference';

export interface KillBench {
  modelsDir: string;
  input: string;
  taxonomy: string;
  clean: Record<KillJob, string>;
}

export interface KillTrialResult {
  seed: number;
  /** False when the job had already finished before the kill landed (still checked, counted apart). */
  killed: boolean;
  lost: number;
  problems: string[];
}

/**
 * Shared by test/faults/kill-resume.test.ts and bench/faults-soak.ts: the model bundle, a labelled copy of the
 * 16S sample (taxonomy side file) and clean, uninterrupted runs to compare killed-and-resumed stores against.
 */
export async function prepareKillBench(root: string): Promise<KillBench> {
  const modelsDir = join(root, 'models');
  const bundleDir = await writeKmerTestBundle(modelsDir, { id: KILL_MODEL, k: 5, dim: 24 });
  // Two records per batch, so a random kill lands mid-job most of the time.
  const manifest = JSON.parse(await readFile(join(bundleDir, 'bundle.json'), 'utf8')) as Record<string, unknown>;
  await writeFile(join(bundleDir, 'bundle.json'), JSON.stringify({ ...manifest, batch: { tokenBudget: 20_000, maxBatchSize: 2 } }));
  // The first 80 records of the 16S sample: 40 commits, enough moments to kill in, short enough for `npm test`.
  const text = await readFile(SAMPLE_16S, 'utf8');
  const input = join(root, 'sample-80.fasta');
  await writeFile(input, text.split(/(?=^>)/m).slice(0, 80).join(''));
  const ids = text.split('\n').filter((l) => l.startsWith('>')).slice(0, 80).map((l) => l.slice(1).split(/\s/)[0]!);
  const taxonomy = join(root, 'taxonomy.tsv');
  await writeFile(taxonomy, ids.map((id, i) => `${id}\tBacteria;Phylum${i % 3};Class${i % 7};Genus${i % 11}\n`).join(''));
  const clean = { embed: join(root, 'clean-embed'), reference: join(root, 'clean-reference') };
  // The uninterrupted runs in-process (the same job and batches as the CLI's), to save two process start-ups.
  const engine = new Engine({ modelDirs: [modelsDir] });
  await engine.embed({ input, store: clean.embed, model: KILL_MODEL, device: 'cpu' });
  await engine.buildReference({ input, name: REFERENCE_NAME, model: KILL_MODEL, store: clean.reference, taxonomy, device: 'cpu' });
  return { modelsDir, input, taxonomy, clean };
}

function runJob(job: KillJob, store: string, bench: Omit<KillBench, 'clean'>, options: CliOptions = {}): Promise<CliRun> {
  const common = ['--model', KILL_MODEL, '--store', store, '--models-dir', bench.modelsDir, '--device', 'cpu', '--json'];
  const args = job === 'embed'
    ? ['embed', '--input', bench.input, ...common]
    : ['reference', 'build', '--input', bench.input, '--name', REFERENCE_NAME, '--taxonomy', bench.taxonomy, ...common];
  return cli(args, options);
}

/**
 * One trial: start the job, kill -9 it at a seeded random moment, check the checkpoint invariant on what the kill
 * left, resume once without interruption and compare the store with the clean run's. A quarter of the kills are
 * timed from the start (start-up, label reading, store creation), the rest from the first committed batch.
 */
export async function killTrial(job: KillJob, seed: number, storeRoot: string, bench: KillBench): Promise<KillTrialResult> {
  const random = seededRandom(seed);
  const fromStart = random() < 0.25;
  const delay = Math.floor(random() * (fromStart ? 1500 : 400));
  const store = join(storeRoot, `${job}-${seed}`);
  await mkdir(storeRoot, { recursive: true });
  let armed = false;
  const first = await runJob(job, store, bench, fromStart
    ? { killAfterMs: delay }
    : {
        onStdout: (text, child) => {
          if (armed || !text.includes('"type":"progress"')) return;
          armed = true;
          setTimeout(child.kill, delay);
        },
      });
  const problems: string[] = [];
  const killed = first.signal === 'SIGKILL';
  if (!killed && first.code !== 0) problems.push(`first run failed: ${first.error ?? first.stderr}`);
  const torn = await checkpointHolds(store, KILL_TABLE).catch((error: Error) => error.message);
  if (torn) problems.push(torn);
  const resumed = await runJob(job, store, bench);
  if (resumed.code !== 0) problems.push(`resume failed: ${resumed.error ?? resumed.stderr}`);
  const compared = await compareWithClean(store, bench.clean[job], KILL_TABLE);
  problems.push(...compared.problems);
  if (job === 'reference') problems.push(...referenceDiffers(store, bench.clean.reference));
  return { seed, killed, lost: compared.lost, problems };
}

function referenceDiffers(store: string, clean: string): string[] {
  const read = (dir: string) => {
    const db = new Database(join(dir, 'catalog.sqlite'), { readonly: true });
    const sets = db.prepare('SELECT name, dataset_id, records, with_lineage, with_taxid, with_go FROM reference_sets').all();
    const labels = db.prepare('SELECT seq_id, lineage FROM reference_taxonomy ORDER BY seq_id').all();
    db.close();
    return JSON.stringify({ sets, labels });
  };
  return read(store) === read(clean) ? [] : ['reference set or labels differ from the clean build'];
}
