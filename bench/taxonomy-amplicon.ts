/**
 * Amplicon reads on the 16S gold split: the test half cut to the V4 region between 515F and 806R (what an Earth
 * Microbiome Project style study sequences), classified against the full-length training half as it is and cut to
 * the same region (`reference build --primers`), beside RDP (trained on the full-length half, as it is usually
 * used for short reads) and vsearch 1-NN against the full-length half. Only test reads with both primer sites are
 * scored (a study never sees the others); every method is written and scored by the same code.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../main/api/engine.ts';
import { evaluateTaxonomy, type RankScore } from '../main/export/evaluate-taxonomy.ts';
import { PrimerPair, PrimerRegionCutter } from '../main/io/primer-region.ts';
import { forgetAllKeptFits, refdataDir, timed } from './bench-env.ts';
import { goldSplit, readGold, runPeers } from './taxonomy-peers.ts';

const V4 = { forward: 'GTGYCAGCMGCCGCGGTAA', reverse: 'GGACTACNVGGGTWTCTAAT' };
const round = (v: number | null) => (v === null ? null : Number(v.toFixed(3)));

export async function benchTaxonomyAmplicon(): Promise<Record<string, unknown>> {
  const work = await mkdtemp(join(tmpdir(), 'seqatlas-bench-amplicon-'));
  try {
    const { train, test, truthFile, referenceTaxa } = await goldSplit(refdataDir(), work);
    // The reads keep the gold header (the peers read ids and lineages from it); the truth keeps only cut reads. The
    // cutter sees what the reader would hand it: upper case.
    const cutter = new PrimerRegionCutter(PrimerPair.parse(V4));
    const headers = new Map((await readFile(test, 'utf8')).split('\n').filter((l) => l.startsWith('>')).map((l) => [l.slice(1).split(/\s/)[0]!, l]));
    const reads: string[] = [];
    const lengths: number[] = [];
    for (const record of readGold(test)) {
      const cut = cutter.cut({ id: record.id, description: '', sequence: record.sequence.toUpperCase(), annotations: {}, recordNumber: 0, line: 0 }, 'gold.test.fasta');
      if (cut.kind !== 'record') continue;
      reads.push(`${headers.get(record.id)}\n${cut.record.sequence}`);
      lengths.push(cut.record.sequence.length);
    }
    const v4Test = join(work, 'gold.test.v4.fasta');
    await writeFile(v4Test, `${reads.join('\n')}\n`);
    const kept = new Set(reads.map((r) => r.slice(1).split(/\s/)[0]!));
    const v4Truth = join(work, 'truth.v4.tsv');
    await writeFile(v4Truth, `${(await readFile(truthFile, 'utf8')).trim().split('\n').filter((l) => kept.has(l.split('\t')[0]!)).join('\n')}\n`);

    const engine = new Engine();
    const store = join(work, 'store');
    await engine.buildReference({ input: train, name: 'full', model: 'dna-kmer', store });
    const regionBuild = await timed(() => engine.buildReference({ input: train, name: 'v4', model: 'dna-kmer', store, region: V4 }));
    const runs: Record<string, { file: string; seconds: number }> = {};
    for (const [name, reference, overrides] of [['seqatlas full-length', 'full', {}], ['seqatlas v4@0', 'v4', { min_confidence: 0 }], ['seqatlas v4', 'v4', {}]] as const) {
      const out = join(work, name.replace(/\W+/g, '-'));
      await forgetAllKeptFits(store);
      const run = await engine.classify({ input: v4Test, reference, store, out, overrides });
      runs[name] = { file: join(out, 'assignments.tsv'), seconds: run.seconds };
    }
    const { runs: peerRuns, missing: peers } = await runPeers(train, v4Test, work, ' full-length');
    Object.assign(runs, peerRuns);

    const methods: Record<string, unknown> = {};
    for (const [name, run] of Object.entries(runs)) {
      const scored = await evaluateTaxonomy({ assignments: run.file, truth: v4Truth, referenceTaxa });
      const at = (rank: string) => scored.ranks.find((s: RankScore) => s.rank === rank)!;
      methods[name] = {
        seconds: Number(run.seconds.toFixed(1)),
        genus: { accuracy: round(at('genus').accuracy), precision: round(at('genus').precision), decision: round(at('genus').decisionAccuracy) },
        family: { accuracy: round(at('family').accuracy), precision: round(at('family').precision) },
      };
    }
    lengths.sort((a, b) => a - b);
    return {
      reads: reads.length,
      ofTestReads: readGold(test).length,
      medianReadLength: lengths[Math.floor(lengths.length / 2)],
      v4ReferenceBuild: { references: regionBuild.value.reference.records, leftOut: regionBuild.value.rejected, seconds: Number(regionBuild.seconds.toFixed(1)) },
      methods,
      ...peers,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
