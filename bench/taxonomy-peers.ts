/**
 * The peers of the taxonomy benchmark, run on the same split: the Debian `rdp-classifier` (naive Bayes, trained
 * here on the training half) and `vsearch --usearch_global` 1-nearest-neighbour. Each result is turned into a
 * Classification so that every method is written and scored by the same code as SeqAtlas's own.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Classification, RankCall } from '../main/classify/read-assignment.ts';
import { writeAssignments } from '../main/export/assignments-tsv.ts';

const GOLD_RANKS = ['domain', 'phylum', 'class', 'order', 'family', 'genus'];
/** The Debian wrapper starts the legacy one-sample command; train and classify live behind ClassifierMain. */
const RDP_JAVA = ['-Xmx2g', '-cp', '/usr/share/rdp-classifier/rdp_classifier.jar', 'edu.msu.cme.rdp.classifier.cli.ClassifierMain'];
const RDP_PROPERTIES = '/usr/share/doc/rdp-classifier/examples/samplefiles/rRNAClassifier.properties';

const installed = (tool: string): boolean => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

interface GoldRecord {
  id: string;
  sequence: string;
  lineage: string[];
}

/** The gold FASTA: `>id<TAB>…<TAB>Bacteria; Firmicutes; …` with the lineage in the last tab field. */
export function readGold(path: string): GoldRecord[] {
  const records: GoldRecord[] = [];
  for (const block of readFileSync(path, 'utf8').split(/^>/m).slice(1)) {
    const newline = block.indexOf('\n');
    const header = block.slice(0, newline).split('\t');
    records.push({ id: header[0]!.trim().split(/\s/)[0]!, sequence: block.slice(newline + 1).replace(/\s+/g, ''), lineage: header[header.length - 1]!.split(';').map((s) => s.trim()) });
  }
  return records;
}

/** The 16S gold split as both taxonomy benches use it, with the training half's lineages written for `evaluate`. */
export async function goldSplit(refdata: string, work: string) {
  const train = join(refdata, '16s', 'gold.train.fasta');
  const test = join(refdata, '16s', 'gold.test.fasta');
  const truthFile = join(refdata, '16s', 'gold.test.truth.tsv');
  const trainRecords = readGold(train);
  const referenceTaxa = join(work, 'train.lineages.tsv');
  await writeFile(referenceTaxa, `${trainRecords.map((r) => `${r.id}\t${r.lineage.join('; ')}`).join('\n')}\n`);
  const truth = new Map((await readFile(truthFile, 'utf8')).trim().split('\n').map((l) => l.split('\t') as [string, string]).map(([id, l]) => [id, l.split('; ')]));
  const knownGenera = new Set(trainRecords.map((r) => r.lineage[5]));
  return { train, test, truthFile, referenceTaxa, truth, knownGenera };
}

function classification(ids: readonly string[], callsOf: Map<string, RankCall[]>, minConfidence: number): Classification {
  return {
    ranks: GOLD_RANKS,
    reads: ids.map((id) => {
      const calls = callsOf.get(id) ?? [];
      return { queryId: id, sample: 'test', abundance: 1, calls, assignedRanks: calls.filter((c) => c.confidence >= minConfidence).length, bestHit: null, bestDistance: null, noveltyScore: 0, novel: false };
    }),
  };
}

/** Trains RDP on the training half (its taxonomy file built from the lineages) and classifies the test half. */
async function runRdp(train: string, test: string, work: string, cutoffs: readonly number[]): Promise<{ seconds: number; byCutoff: Map<number, Classification> }> {
  const started = performance.now();
  const dir = join(work, 'rdp');
  await mkdir(join(dir, 'model'), { recursive: true });
  const nodes = new Map<string, { id: number; name: string; line: string }>([['Root', { id: 0, name: 'Root', line: '0*Root*-1*0*rootrank' }]]);
  // RDP wants (name, rank) unique: a second "incertae sedis" family gets a numbered name, mapped back below.
  const usedNames = new Set<string>();
  const originalName = new Map<string, string>();
  const trainLines: string[] = [];
  for (const record of readGold(train)) {
    let parent = 0;
    let path = 'Root';
    const names: string[] = [];
    record.lineage.forEach((name, depth) => {
      path += `;${name}`;
      let node = nodes.get(path);
      if (!node) {
        const rank = GOLD_RANKS[depth]!;
        const unique = usedNames.has(`${rank}\u0001${name}`) ? `${name}_${nodes.size}` : name;
        usedNames.add(`${rank}\u0001${unique}`);
        originalName.set(unique, name);
        node = { id: nodes.size, name: unique, line: `${nodes.size}*${unique}*${parent}*${depth + 1}*${rank}` };
        nodes.set(path, node);
      }
      names.push(node.name);
      parent = node.id;
    });
    trainLines.push(`>${record.id}\tRoot;${names.join(';')}\n${record.sequence}`);
  }
  await writeFile(join(dir, 'taxonomy.txt'), `${[...nodes.values()].map((n) => n.line).join('\n')}\n`);
  await writeFile(join(dir, 'train.fasta'), `${trainLines.join('\n')}\n`);
  const trained = spawnSync('java', [...RDP_JAVA, 'train', '-o', join(dir, 'model'), '-s', join(dir, 'train.fasta'), '-t', join(dir, 'taxonomy.txt')], { encoding: 'utf8' });
  if (trained.status !== 0) throw new Error(`rdp_classifier train failed: ${trained.stderr.slice(-500)}`);
  await copyFile(RDP_PROPERTIES, join(dir, 'model', 'rRNAClassifier.properties'));
  const out = join(dir, 'assignments.txt');
  const run = spawnSync('java', [...RDP_JAVA, 'classify', '-t', join(dir, 'model', 'rRNAClassifier.properties'), '-f', 'fixrank', '-o', out, test], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`rdp_classifier classify failed: ${run.stderr.slice(-500)}`);
  const callsOf = new Map<string, RankCall[]>();
  for (const line of (await readFile(out, 'utf8')).trim().split('\n')) {
    const fields = line.split('\t');
    const calls: RankCall[] = [];
    // id, orientation, then (name, rank, confidence) triples in fixrank order.
    for (let i = 2; i + 2 < fields.length + 1 && calls.length < GOLD_RANKS.length; i += 3) {
      calls.push({ rank: GOLD_RANKS[calls.length]!, name: originalName.get(fields[i]!) ?? fields[i]!, confidence: Number(fields[i + 2]) });
    }
    callsOf.set(fields[0]!.trim(), calls);
  }
  const ids = readGold(test).map((r) => r.id);
  const seconds = (performance.now() - started) / 1000;
  return { seconds, byCutoff: new Map(cutoffs.map((cutoff) => [cutoff, classification(ids, callsOf, cutoff)])) };
}

/** vsearch global alignment, best hit (identity ≥ 0.5), lineage of that hit for every rank. */
async function runVsearch(train: string, test: string, work: string): Promise<{ seconds: number; result: Classification }> {
  const started = performance.now();
  const dir = join(work, 'vsearch');
  await mkdir(dir, { recursive: true });
  const trainRecords = readGold(train);
  const lineageOf = new Map(trainRecords.map((r) => [r.id, r.lineage]));
  await writeFile(join(dir, 'db.fasta'), `${trainRecords.map((r) => `>${r.id}\n${r.sequence}`).join('\n')}\n`);
  const out = join(dir, 'hits.tsv');
  const run = spawnSync('vsearch', ['--usearch_global', test, '--db', join(dir, 'db.fasta'), '--id', '0.5', '--maxaccepts', '1', '--maxrejects', '64', '--blast6out', out, '--threads', '2', '--quiet'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`vsearch failed: ${run.stderr.slice(-500)}`);
  const callsOf = new Map<string, RankCall[]>();
  for (const line of (await readFile(out, 'utf8')).trim().split('\n')) {
    const [query, target, identity] = line.split('\t');
    const lineage = lineageOf.get(target!) ?? [];
    callsOf.set(query!.split(/\s/)[0]!, lineage.map((name, r) => ({ rank: GOLD_RANKS[r]!, name, confidence: Number(identity) / 100 })));
  }
  return { seconds: (performance.now() - started) / 1000, result: classification(readGold(test).map((r) => r.id), callsOf, 0) };
}

/**
 * RDP (every read assigned, and at its usual 0.8 cutoff) and vsearch 1-NN, each written as assignments.tsv under
 * `work`, as `rdp@0`, `rdp@0.8` and `vsearch` plus `label`; `missing` says which tool is not installed.
 */
export async function runPeers(train: string, test: string, work: string, label = ''): Promise<{ runs: Record<string, { file: string; seconds: number }>; missing: Record<string, string> }> {
  const runs: Record<string, { file: string; seconds: number }> = {};
  const missing: Record<string, string> = {};
  if (installed('java') && installed('rdp_classifier')) {
    const rdp = await runRdp(train, test, work, [0, 0.8]);
    for (const [cutoff, result] of rdp.byCutoff) {
      const file = join(work, `rdp-${cutoff}.tsv`);
      await writeAssignments(file, result);
      runs[`rdp@${cutoff}${label}`] = { file, seconds: rdp.seconds };
    }
  } else missing.rdp = 'not installed (apt-get install rdp-classifier)';
  if (installed('vsearch')) {
    const vsearch = await runVsearch(train, test, work);
    const file = join(work, 'vsearch.tsv');
    await writeAssignments(file, vsearch.result);
    runs[`vsearch${label}`] = { file, seconds: vsearch.seconds };
  } else missing.vsearch = 'not installed (apt-get install vsearch)';
  return { runs, missing };
}
