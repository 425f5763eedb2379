/**
 * Denoising: 100,000 merged-amplicon reads in four samples, drawn from 150 real 16S V4 regions of the gold split's
 * test half with skewed abundances (log-normal, as communities are), plus 10 PCR chimeras of pairs of the 20 most
 * abundant (each a fortieth as abundant as its rarer parent), each read with substitution errors at the rates of
 * MiSeq qualities (Q38 falling towards Q20 along the read: about 0.3% of bases wrong). Denoised by SeqAtlas and by
 * vsearch (--fastx_uniques, --cluster_unoise --minsize 8, then --uchime3_denovo) when installed; scored by how many
 * true regions come out exactly, how many chimeras survive, and how many other sequences are output.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../main/api/engine.ts';
import { PrimerPair, PrimerRegionCutter } from '../main/io/primer-region.ts';
import { mulberry32 } from '../native/onnx/seeded-random.ts';
import { simulatedRead } from '../test/pairs/simulated-pairs.ts';
import { refdataDir, timed } from './bench-env.ts';
import { goldSplit, readGold } from './taxonomy-peers.ts';

const V4 = { forward: 'GTGYCAGCMGCCGCGGTAA', reverse: 'GGACTACNVGGGTWTCTAAT' };
const TRUE_SEQUENCES = 150;
const SAMPLES = 4;
const READS_PER_SAMPLE = 25_000;
const CHIMERAS = 10;

const fastaSequences = (text: string): string[] => text.split('>').slice(1).map((block) => block.split('\n').slice(1).join(''));

export async function benchDenoise(): Promise<Record<string, unknown>> {
  const work = await mkdtemp(join(tmpdir(), 'seqatlas-bench-denoise-'));
  try {
    const { test } = await goldSplit(refdataDir(), work);
    const cutter = new PrimerRegionCutter(PrimerPair.parse(V4));
    const regions = [...new Set(readGold(test).flatMap((record) => {
      const cut = cutter.cut({ id: record.id, description: '', sequence: record.sequence.toUpperCase(), annotations: {}, recordNumber: 0, line: 0 }, 'gold.test.fasta');
      return cut.kind === 'record' && /^[ACGT]+$/.test(cut.record.sequence) ? [cut.record.sequence] : [];
    }))];
    const random = mulberry32(20261123);
    const truth = regions.slice(0, TRUE_SEQUENCES);
    // Log-normal abundances (σ = 1.5), normalised to sampling weights.
    const weights = truth.map(() => Math.exp(1.5 * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())));
    const byWeight = truth.map((_, i) => i).sort((a, b) => weights[b]! - weights[a]!).slice(0, 20);
    const chimeras: string[] = [];
    const templates = [...truth];
    const templateWeights = [...weights];
    while (chimeras.length < CHIMERAS) {
      const a = byWeight[Math.floor(random() * byWeight.length)]!;
      const b = byWeight[Math.floor(random() * byWeight.length)]!;
      if (a === b) continue;
      const cut = Math.floor(truth[a]!.length * (0.4 + 0.2 * random()));
      const chimera = truth[a]!.slice(0, cut) + truth[b]!.slice(Math.round((cut * truth[b]!.length) / truth[a]!.length));
      if (truth.includes(chimera) || chimeras.includes(chimera)) continue;
      chimeras.push(chimera);
      templates.push(chimera);
      templateWeights.push(Math.min(weights[a]!, weights[b]!) / 40);
    }
    const cumulative: number[] = [];
    templateWeights.reduce((sum, w) => (cumulative.push(sum + w), sum + w), 0);
    const files: string[] = [];
    for (let s = 1; s <= SAMPLES; s += 1) {
      const records: string[] = [];
      for (let k = 0; k < READS_PER_SAMPLE; k += 1) {
        const pick = random() * cumulative.at(-1)!;
        const region = templates[cumulative.findIndex((c) => c >= pick)]!;
        const read = simulatedRead(random, region, region.length);
        records.push(`@s${s}r${k}\n${read.sequence}\n+\n${read.quality}\n`);
      }
      const file = join(work, `site${s}.fastq`);
      await writeFile(file, records.join(''));
      files.push(file);
    }
    const trueSet = new Set(truth);
    const chimeraSet = new Set(chimeras);
    const score = (sequences: string[]) => ({
      output: sequences.length, trueFound: sequences.filter((s) => trueSet.has(s)).length,
      chimeras: sequences.filter((s) => chimeraSet.has(s)).length, other: sequences.filter((s) => !trueSet.has(s) && !chimeraSet.has(s)).length,
    });
    // Sequences with at least 8 error-free reads: what any denoiser can find at --minsize 8.
    const exactCopies = new Map<string, number>();
    for (const file of files) for (const sequence of (await readFile(file, 'utf8')).split('\n').filter((_, i) => i % 4 === 1)) exactCopies.set(sequence, (exactCopies.get(sequence) ?? 0) + 1);
    const findable = truth.filter((region) => (exactCopies.get(region) ?? 0) >= 8).length;

    const engine = new Engine();
    const result: Record<string, unknown> = { reads: SAMPLES * READS_PER_SAMPLE, trueSequences: TRUE_SEQUENCES, chimeraTemplates: CHIMERAS, findable };
    for (const [name, chimeraCheck] of [['seqatlas', true], ['seqatlas --no-chimeras', false]] as const) {
      const out = join(work, `${name.replace(/\W+/g, '-')}.fasta`);
      const run = await timed(() => engine.denoise({ input: files, out, counts: join(work, 'zotus.tsv'), chimeras: chimeraCheck }));
      result[name] = {
        seconds: Number(run.seconds.toFixed(1)), uniques: run.value.uniques, countedShare: Number((run.value.mapped / run.value.reads).toFixed(4)),
        ...score(fastaSequences(await readFile(out, 'utf8'))),
      };
    }
    if (spawnSync('vsearch', ['--version']).status === 0) {
      const all = join(work, 'all.fastq');
      await writeFile(all, (await Promise.all(files.map((file) => readFile(file, 'utf8')))).join(''));
      const run = await timed(async () => {
        for (const args of [
          ['--fastx_uniques', all, '--sizeout', '--fastaout', join(work, 'uniques.fasta'), '--quiet'],
          ['--cluster_unoise', join(work, 'uniques.fasta'), '--minsize', '8', '--centroids', join(work, 'vsearch-denoised.fasta'), '--sizeout', '--threads', '1', '--quiet'],
          ['--uchime3_denovo', join(work, 'vsearch-denoised.fasta'), '--nonchimeras', join(work, 'vsearch-zotus.fasta'), '--quiet'],
        ]) {
          const step = spawnSync('vsearch', args, { encoding: 'utf8' });
          if (step.status !== 0) throw new Error(`vsearch failed: ${step.stderr.slice(-500)}`);
        }
      });
      result['vsearch --cluster_unoise, --uchime3_denovo'] = { seconds: Number(run.seconds.toFixed(1)), ...score(fastaSequences(await readFile(join(work, 'vsearch-zotus.fasta'), 'utf8'))) };
    } else result.vsearch = 'not installed (apt-get install vsearch)';
    return result;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
