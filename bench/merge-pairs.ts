/**
 * Paired-end merging: MiSeq-like 2 × 200-base pairs simulated from the real 16S V4 amplicons of the gold set's test
 * half (the stretch between 515F and 806R of every test sequence with both sites, sequenced with the primers: one
 * concrete primer of each IUPAC pattern in front and behind; Illumina-like qualities falling from Q38 towards Q20
 * along each read, substitution errors at the rates those qualities state). Merged by SeqAtlas and by vsearch
 * --fastq_mergepairs (when installed) with their defaults, and scored against the amplicons the pairs came from.
 * Then the whole pipeline: the pairs merged and cut to the primers' region, classified against the training half
 * cut to the same region, beside the true amplicons classified the same way: what merging costs the taxonomy.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Engine } from '../main/api/engine.ts';
import { evaluateTaxonomy, type RankScore } from '../main/export/evaluate-taxonomy.ts';
import { PrimerPair, PrimerRegionCutter } from '../main/io/primer-region.ts';
import { mulberry32 } from '../native/onnx/seeded-random.ts';
import { simulatedPair } from '../test/pairs/simulated-pairs.ts';
import { refdataDir, timed } from './bench-env.ts';
import { goldSplit, readGold } from './taxonomy-peers.ts';

const round = (value: number | null) => (value === null ? null : Number(value.toFixed(3)));
const V4 = { forward: 'GTGYCAGCMGCCGCGGTAA', reverse: 'GGACTACNVGGGTWTCTAAT' };
/** One concrete primer of each pattern, as a read starts with it: 515F, and 806R's reverse complement at the amplicon's end. */
const SEQUENCED = { forward: 'GTGCCAGCAGCCGCGGTAA', reverseComplement: 'ATTAGATACCCTTGTAGTCC' };
const SAMPLES = 4;
const PAIRS_PER_SAMPLE = 25_000;
const READ_LENGTH = 200;

export async function benchMergePairs(): Promise<Record<string, unknown>> {
  const work = await mkdtemp(join(tmpdir(), 'seqatlas-bench-merge-'));
  try {
    const cutter = new PrimerRegionCutter(PrimerPair.parse(V4));
    const { train, test, truthFile, referenceTaxa } = await goldSplit(refdataDir(), work);
    const lineages = new Map((await readFile(truthFile, 'utf8')).trim().split('\n').map((line) => line.split('\t') as [string, string]));
    const amplicons: { id: string; region: string }[] = [];
    for (const record of readGold(test)) {
      const cut = cutter.cut({ id: record.id, description: '', sequence: record.sequence.toUpperCase(), annotations: {}, recordNumber: 0, line: 0 }, 'gold.test.fasta');
      if (cut.kind === 'record' && /^[ACGT]+$/.test(cut.record.sequence)) amplicons.push({ id: record.id, region: cut.record.sequence });
    }
    const random = mulberry32(20261123);
    const truth = new Map<string, string>();
    const regionOf = new Map<string, string>();
    const readTruth: string[] = [];
    const pairFiles: { sample: string; forward: string; reverse: string }[] = [];
    for (let s = 1; s <= SAMPLES; s += 1) {
      const forward: string[] = [];
      const reverse: string[] = [];
      for (let k = 0; k < PAIRS_PER_SAMPLE; k += 1) {
        const chosen = amplicons[Math.floor(random() * amplicons.length)]!;
        const amplicon = `${SEQUENCED.forward}${chosen.region}${SEQUENCED.reverseComplement}`;
        const id = `M00123:7:000000000-ABCDE:1:${1100 + s}:${k}:1`;
        const pair = simulatedPair(random, amplicon, READ_LENGTH);
        regionOf.set(id, chosen.region);
        readTruth.push(`${id}\t${lineages.get(chosen.id)}`);
        forward.push(`@${id} 1:N:0:1\n${pair.forward.sequence}\n+\n${pair.forward.quality}\n`);
        reverse.push(`@${id} 2:N:0:1\n${pair.reverse.sequence}\n+\n${pair.reverse.quality}\n`);
        truth.set(id, amplicon);
      }
      const names = { sample: `site${s}`, forward: join(work, 'reads', `site${s}_S${s}_L001_R1_001.fastq.gz`), reverse: join(work, 'reads', `site${s}_S${s}_L001_R2_001.fastq.gz`) };
      await mkdir(join(work, 'reads'), { recursive: true });
      await writeFile(names.forward, gzipSync(forward.join('')));
      await writeFile(names.reverse, gzipSync(reverse.join('')));
      pairFiles.push(names);
    }
    const score = async (files: string[]) => {
      let merged = 0;
      let exact = 0;
      for (const file of files) {
        const lines = (await readFile(file, 'utf8')).split('\n');
        for (let i = 0; i + 1 < lines.length; i += 4) {
          merged += 1;
          if (lines[i + 1] === truth.get(lines[i]!.slice(1).split(/[;\s]/)[0]!)) exact += 1;
        }
      }
      return { merged: Number((merged / truth.size).toFixed(4)), identicalToAmplicon: Number((exact / Math.max(1, merged)).toFixed(4)) };
    };

    const engine = new Engine();
    const ours = await timed(() => engine.mergePairs({ input: join(work, 'reads'), out: join(work, 'seqatlas') }));
    const result: Record<string, unknown> = {
      pairs: truth.size, amplicons: amplicons.length, readLength: READ_LENGTH,
      seqatlas: { seconds: Number(ours.seconds.toFixed(1)), ...(await score(ours.value.samples.map((s) => s.file))) },
    };

    // The pipeline: merged and cut to the region, classified against the region reference, beside the true regions.
    const cutRun = await timed(() => engine.mergePairs({ input: join(work, 'reads'), out: join(work, 'seqatlas-v4'), region: V4 }));
    let exactRegions = 0;
    for (const file of cutRun.value.samples.map((sample) => sample.file)) {
      const lines = (await readFile(file, 'utf8')).split('\n');
      for (let i = 0; i + 1 < lines.length; i += 4) if (lines[i + 1] === regionOf.get(lines[i]!.slice(1).split(/[;\s]/)[0]!)) exactRegions += 1;
    }
    const store = join(work, 'store');
    await engine.buildReference({ input: train, name: 'v4', model: 'dna-kmer', store, region: V4 });
    const readTruthFile = join(work, 'reads.truth.tsv');
    await writeFile(readTruthFile, `${readTruth.join('\n')}\n`);
    const trueRegions = join(work, 'true-regions.fasta');
    await writeFile(trueRegions, [...regionOf].map(([id, region]) => `>${id}\n${region}\n`).join(''));
    const taxonomy: Record<string, unknown> = {};
    for (const [name, input] of [['merged and cut', join(work, 'seqatlas-v4')], ['true regions', trueRegions]] as const) {
      const out = join(work, `classify-${name.replace(/\W+/g, '-')}`);
      const run = await engine.classify({ input, reference: 'v4', store, out });
      const scored = await evaluateTaxonomy({ assignments: join(out, 'assignments.tsv'), truth: readTruthFile, referenceTaxa });
      const genus = scored.ranks.find((rank: RankScore) => rank.rank === 'genus')!;
      taxonomy[name] = { reads: run.reads, genusAccuracy: round(genus.accuracy), genusPrecision: round(genus.precision), genusDecision: round(genus.decisionAccuracy), seconds: Number(run.seconds.toFixed(1)) };
    }
    result.pipeline = {
      mergeAndCut: { seconds: Number(cutRun.seconds.toFixed(1)), kept: Number((cutRun.value.merged / truth.size).toFixed(4)), identicalToRegion: Number((exactRegions / Math.max(1, cutRun.value.merged)).toFixed(4)) },
      taxonomy,
    };
    if (spawnSync('vsearch', ['--version']).status === 0) {
      for (const threads of [1, 2]) {
        const outputs: string[] = [];
        const run = await timed(async () => {
          for (const pair of pairFiles) {
            const out = join(work, `vsearch-${threads}-${pair.sample}.fastq`);
            const merged = spawnSync('vsearch', ['--fastq_mergepairs', pair.forward, '--reverse', pair.reverse, '--fastqout', out, '--threads', String(threads), '--quiet'], { encoding: 'utf8' });
            if (merged.status !== 0) throw new Error(`vsearch failed: ${merged.stderr.slice(-500)}`);
            outputs.push(out);
          }
        });
        result[`vsearch ${threads} thread${threads > 1 ? 's' : ''}`] = { seconds: Number(run.seconds.toFixed(1)), ...(await score(outputs)) };
      }
    } else result.vsearch = 'not installed (apt-get install vsearch)';
    return result;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
