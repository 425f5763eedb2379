/**
 * GO-term transfer quality on the fixed benchmark of ../shared/refdata/go-bench (per namespace: 1,000 Swiss-Prot
 * queries, 30,000 references), scored with CAFA protein-centric Fmax. Every SeqAtlas figure is computed by our
 * goFmax and checked against the reference scorer fmax.py on the same predictions file.
 *   lookup1nn   embedding lookup alone: the nearest reference's terms, score = reliability index
 *   rescored    k nearest by embedding, re-scored with global-alignment identity: final_score = w·RI_max +
 *               (1-w)·identity_max, w fitted on the reference side only (1,000 references as pseudo-queries
 *               against the other references; identical sequences masked by the redundancy filter)
 *   seeds       candidates.source both: the embedding's k nearest merged with the seed prefilter's best 5, ranked by
 *               local alignment score, the k best significant ones kept; final_score = w·RI_max + (1-w)·identity_max
 *               (local identity), w and k ∈ {1, 3, 5} fitted on the reference side with the same protocol
 *   diamond     diamond blastp --sensitive, 1-NN, score = identity (when diamond-aligner is installed)
 *   naive       every query gets every term with its frequency among the references
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../main/api/engine.ts';
import { APP_ROOT } from '../main/shared/app-paths.ts';
import { parseCsvLine } from '../main/export/csv.ts';
import { EVALUATION_SEED, fmaxDifference, goFmax, goProteinCounts, readPredictionsTsv, readTruthTsv, type FmaxDifference, type Predictions, type Truth } from '../main/evaluate/index.ts';
import { GeneOntology, type GoNamespace } from '../main/ontology/index.ts';
import { refdataDir, timed } from './bench-env.ts';

const NAMESPACES: { dir: 'mfo' | 'bpo' | 'cco'; ns: GoNamespace }[] = [
  { dir: 'mfo', ns: 'MF' },
  { dir: 'bpo', ns: 'BP' },
  { dir: 'cco', ns: 'CC' },
];
const K = 5;
const CALIBRATION_QUERIES = 1000;
const SEED_CANDIDATES = 5;
/** Hits per query the seeds method may keep; chosen on the calibration side with w. */
const SEED_KS = [1, 3, 5];
const WEIGHT_GRID = Array.from({ length: 11 }, (_, i) => i / 10);
const GO_BENCH = join(APP_ROOT, '..', 'shared', 'refdata', 'go-bench');
const round = (v: number, digits = 3) => Number(v.toFixed(digits));

/** Builds the benchmark with go-bench/build_bench.py unless it is there already. */
function benchFiles(refdata: string, dir: string): string {
  const root = process.env.SEQATLAS_GOBENCH ?? join(refdata, 'go-bench-out');
  if (!existsSync(join(root, dir, 'query.truth.tsv'))) {
    if (!existsSync(join(refdata, 'go', `${dir}.fasta`))) throw new Error(`GO data missing: run ../shared/refdata/fetch.sh ${refdata} --go`);
    execFileSync('python3', [join(GO_BENCH, 'build_bench.py'), dir, join(refdata, 'go'), root], { stdio: 'inherit' });
  }
  return join(root, dir);
}

function fmaxPy(pred: string, truth: string, goSqlite: string, ns: GoNamespace): number {
  const run = spawnSync('python3', [join(GO_BENCH, 'fmax.py'), pred, truth, goSqlite, ns], { encoding: 'utf8' });
  const match = /Fmax=([\d.]+)/.exec(run.stdout);
  if (!match) throw new Error(`fmax.py failed: ${run.stderr}`);
  return Number(match[1]);
}

async function writePredictions(path: string, predictions: Predictions): Promise<void> {
  const lines: string[] = [];
  for (const [acc, terms] of predictions) for (const [term, score] of terms) lines.push(`${acc}\t${term}\t${score}`);
  await writeFile(path, `${lines.join('\n')}\n`);
}

/** summary.csv's rows: accession, term, RI_max and identity_max (scoreWith combines them as w·RI_max + (1-w)·identity_max). */
async function readSummary(path: string): Promise<{ acc: string; term: string; ri: number; identity: number }[]> {
  const lines = (await readFile(path, 'utf8')).trim().split('\n');
  const header = parseCsvLine(lines[0]!);
  const [acc, term, ri, identity] = ['accession', 'go_id', 'reliability_index_max', 'identity_max'].map((name) => header.indexOf(name)) as [number, number, number, number];
  return lines.slice(1).map((line) => {
    const fields = parseCsvLine(line);
    return { acc: fields[acc]!, term: fields[term]!, ri: Number(fields[ri]), identity: Number(fields[identity] || 0) };
  });
}

function scoreWith(rows: readonly { acc: string; term: string; ri: number; identity: number }[], w: number): Predictions {
  const out: Predictions = new Map();
  for (const row of rows) {
    const terms = out.get(row.acc) ?? new Map<string, number>();
    out.set(row.acc, terms);
    const score = w * row.ri + (1 - w) * row.identity;
    if (score > (terms.get(row.term) ?? -1)) terms.set(row.term, score);
  }
  return out;
}

async function fastaSubset(source: string, count: number, out: string): Promise<void> {
  const records = (await readFile(source, 'utf8')).split(/(?=^>)/m).slice(0, count);
  await writeFile(out, records.join(''));
}

async function diamond1nn(files: string, work: string, refGo: Truth): Promise<{ predictions: Predictions; seconds: number } | null> {
  if (spawnSync('diamond', ['version']).status !== 0) return null;
  const { seconds } = await timed(async () => {
    execFileSync('diamond', ['makedb', '--in', join(files, 'ref.fasta'), '-d', join(work, 'ref'), '--quiet']);
    execFileSync('diamond', ['blastp', '-q', join(files, 'query.fasta'), '-d', join(work, 'ref'), '-o', join(work, 'hits.tsv'), '--sensitive', '--max-target-seqs', '1', '--quiet', '--outfmt', '6', 'qseqid', 'sseqid', 'pident']);
  });
  const predictions: Predictions = new Map();
  for (const line of (await readFile(join(work, 'hits.tsv'), 'utf8')).trim().split('\n')) {
    const [q, s, pident] = line.split('\t');
    if (!q || !s || predictions.has(q)) continue;
    predictions.set(q, new Map([...(refGo.get(s) ?? [])].map((t) => [t, Number(pident) / 100])));
  }
  return { predictions, seconds };
}

function naive(refGo: Truth, queries: Iterable<string>): Predictions {
  const counts = new Map<string, number>();
  for (const terms of refGo.values()) for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  const frequency = new Map([...counts].map(([t, c]) => [t, c / refGo.size]).filter(([, f]) => (f as number) >= 0.01) as [string, number][]);
  return new Map([...queries].map((q) => [q, frequency]));
}

/**
 * Paired bootstrap of SeqAtlas against diamond over the 1,000 queries: how far apart the two Fmax are once the draw of
 * queries is allowed for (a 95% interval that straddles 0 means the benchmark cannot tell them apart).
 */
const BOOTSTRAP = { replicates: 2000, seed: EVALUATION_SEED };

const roundedDifference = ({ difference, interval, shareAtLeast }: FmaxDifference) => ({
  difference: round(difference), interval95: [round(interval.low), round(interval.high)], shareOfResamplesAtLeastDiamond: round(shareAtLeast),
});

const withoutPredictions = <T extends { predictions: Predictions }>({ predictions: _, ...rest }: T) => rest;

export async function benchGoTransfer(): Promise<Record<string, unknown>> {
  const refdata = refdataDir();
  const goSqlite = join(refdata, 'go', 'GO.sqlite');
  const ontology = await GeneOntology.load(goSqlite);
  const engine = new Engine();
  const report: Record<string, unknown> = { k: K, model: 'protein-kmer', seedCandidates: SEED_CANDIDATES };
  for (const { dir, ns } of NAMESPACES) {
    const files = benchFiles(refdata, dir);
    const work = await mkdtemp(join(tmpdir(), `seqatlas-gobench-${dir}-`));
    try {
      const store = join(work, 'store');
      const truth = await readTruthTsv(join(files, 'query.truth.tsv'));
      const refTruth = await readTruthTsv(join(files, 'ref.go.tsv'));
      const refRaw = await readTruthTsv(join(files, 'ref.go.raw.tsv'));
      const fmax = (predictions: Predictions) => round(goFmax({ predictions, truth, ontology, namespace: ns }).fmax);

      const built = await timed(() => engine.buildReference({ input: join(files, 'ref.fasta'), name: dir, model: 'protein-kmer', store, goAnnotations: join(files, 'ref.go.raw.tsv'), ontology: goSqlite }));

      const lookup = await timed(() => engine.annotate({ input: join(files, 'query.fasta'), reference: dir, store, out: join(work, 'lookup'), overrides: { limit_per_entry: 1 } }));
      const lookupPred = await readPredictionsTsv(join(work, 'lookup', 'topgo', 'ensemble', `${ns}.topgo`));
      await writePredictions(join(work, 'lookup.tsv'), lookupPred);

      // Weights are fitted on references only: 1,000 references against the whole set, their own copies masked.
      const calibration = join(work, 'calibration.fasta');
      await fastaSubset(join(files, 'ref.fasta'), CALIBRATION_QUERIES, calibration);
      const calibrationIds = [...(await readFile(calibration, 'utf8')).matchAll(/^>(\S+)/gm)].map((m) => m[1]!);
      const calibrationTruth: Truth = new Map(calibrationIds.map((id) => [id, refTruth.get(id) ?? new Set<string>()]));
      /**
       * Fits w (and k, over `ks`) on calibration runs of `config`, then runs the chosen setting on the queries (timed)
       * and scores it.
       */
      const fittedRun = async (name: string, config: Record<string, unknown>, ks: readonly number[]) => {
        const fits: { k: number; w: number; fmax: number }[] = [];
        for (const k of ks) {
          const out = join(work, `${name}-calibration-${k}`);
          await engine.annotate({ input: calibration, reference: dir, store, out, overrides: { ...config, limit_per_entry: k, redundancy_filter: 1, alignment_coverage: 1 } });
          const calibrationRows = await readSummary(join(out, 'summary.csv'));
          for (const w of WEIGHT_GRID) fits.push({ k, w, fmax: goFmax({ predictions: scoreWith(calibrationRows, w), truth: calibrationTruth, ontology, namespace: ns }).fmax });
        }
        const best = fits.reduce((a, b) => (b.fmax > a.fmax ? b : a));
        const run = await timed(() => engine.annotate({ input: join(files, 'query.fasta'), reference: dir, store, out: join(work, name), overrides: { ...config, limit_per_entry: best.k } }));
        const predictions = scoreWith(await readSummary(join(work, name, 'summary.csv')), best.w);
        await writePredictions(join(work, `${name}.tsv`), predictions);
        const seeds = run.value.layers[0]?.seeds;
        return {
          predictions,
          fmax: fmax(predictions), fmaxPy: fmaxPy(join(work, `${name}.tsv`), join(files, 'query.truth.tsv'), goSqlite, ns),
          seconds: round(run.seconds, 1), fittedK: best.k, fittedWeightRI: best.w, calibrationFmax: round(best.fmax), alignments: run.value.alignments,
          ...(seeds ? { seeds: { ...seeds, indexSeconds: round(seeds.indexSeconds, 2) } } : {}),
        };
      };
      const summary = { aggregations: { reliability_index: ['max'], identity: ['max'] }, weights: { reliability_index_max: 0.5, identity_max: 0.5 } };
      const rescored = await fittedRun('rescored', { alignment: { enabled: true, modes: ['global'] }, summary }, [K]);
      const seeds = await fittedRun('seeds', { alignment: { enabled: true, modes: ['local'] }, summary, candidates: { source: 'both', seeds: { per_query: SEED_CANDIDATES } } }, SEED_KS);

      const diamond = await diamond1nn(files, work, refRaw);
      const naivePred = naive(refTruth, truth.keys());
      const counts = (predictions: Predictions) => [...goProteinCounts({ predictions, truth, ontology }, ns)];
      report[dir] = {
        referenceBuildSeconds: round(built.seconds, 1),
        lookup1nn: { fmax: fmax(lookupPred), fmaxPy: fmaxPy(join(work, 'lookup.tsv'), join(files, 'query.truth.tsv'), goSqlite, ns), seconds: round(lookup.seconds, 1) },
        rescored: withoutPredictions(rescored),
        seeds: withoutPredictions(seeds),
        diamond: diamond
          ? { fmax: fmax(diamond.predictions), seconds: round(diamond.seconds, 1), seedsMinusDiamond: roundedDifference(fmaxDifference(counts(seeds.predictions), counts(diamond.predictions), BOOTSTRAP)) }
          : 'diamond not installed',
        naive: { fmax: fmax(naivePred) },
      };
      console.error(JSON.stringify({ [dir]: report[dir] }));
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }
  return report;
}
