/**
 * Single-end read filtering: 100,000 MiSeq-like 250-base single reads in four samples, simulated from the real 16S V4
 * amplicons of the gold set's test half, sequenced from the 515F primer (one concrete primer of its IUPAC pattern in
 * front; Illumina-like qualities falling from Q38 towards Q20 along the read, substitution errors at the rates those
 * qualities state; the reads stop before 806R, as single reads of V4 do). Filtered by SeqAtlas and by vsearch
 * --fastq_filter (when installed) with the same settings, twice: truncated to 240 bases with at most 0.3 expected
 * errors, and with the primer removed first (SeqAtlas finds it; vsearch strips a fixed 19 bases, which is the same
 * here because every read starts with it) and truncated to 220 with at most 0.29. (The
 * simulated qualities vary little from read to read, so these limits lie near the median read's expected errors:
 * about half the reads are dropped, which tests that both tools add the errors up alike.) Scored by reads kept, agreement between the two, and the
 * share of kept reads identical to the true region; then the primer-cut reads are denoised to see the true regions.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Engine } from '../main/api/engine.ts';
import { PrimerPair, PrimerRegionCutter } from '../main/io/primer-region.ts';
import { mulberry32 } from '../native/onnx/seeded-random.ts';
import { simulatedRead } from '../test/pairs/simulated-pairs.ts';
import { refdataDir, timed } from './bench-env.ts';
import { goldSplit, readGold } from './taxonomy-peers.ts';

const V4 = { forward: 'GTGYCAGCMGCCGCGGTAA', reverse: 'GGACTACNVGGGTWTCTAAT' };
const SEQUENCED_FORWARD = 'GTGCCAGCAGCCGCGGTAA';
const SAMPLES = 4;
const READS_PER_SAMPLE = 25_000;
const READ_LENGTH = 250;

/** FASTQ text → id → sequence. */
function fastqReads(text: string): Map<string, string> {
  const lines = text.split('\n');
  const reads = new Map<string, string>();
  for (let i = 0; i + 1 < lines.length; i += 4) reads.set(lines[i]!.slice(1).split(/[;\s]/)[0]!, lines[i + 1]!);
  return reads;
}

export async function benchFilterReads(): Promise<Record<string, unknown>> {
  const work = await mkdtemp(join(tmpdir(), 'seqatlas-bench-filter-'));
  try {
    const cutter = new PrimerRegionCutter(PrimerPair.parse(V4));
    const { test } = await goldSplit(refdataDir(), work);
    const regions: string[] = [];
    for (const record of readGold(test)) {
      const cut = cutter.cut({ id: record.id, description: '', sequence: record.sequence.toUpperCase(), annotations: {}, recordNumber: 0, line: 0 }, 'gold.test.fasta');
      if (cut.kind === 'record' && /^[ACGT]+$/.test(cut.record.sequence) && cut.record.sequence.length >= 200) regions.push(cut.record.sequence);
    }
    const random = mulberry32(20261124);
    const regionOf = new Map<string, string>();
    const files: string[] = [];
    await mkdir(join(work, 'reads'));
    for (let s = 1; s <= SAMPLES; s += 1) {
      const text: string[] = [];
      for (let k = 0; k < READS_PER_SAMPLE; k += 1) {
        const region = regions[Math.floor(random() * regions.length)]!;
        const id = `M00123:7:000000000-ABCDE:1:${1100 + s}:${k}:1`;
        const read = simulatedRead(random, `${SEQUENCED_FORWARD}${region}`, READ_LENGTH);
        regionOf.set(id, region);
        text.push(`@${id} 1:N:0:1\n${read.sequence}\n+\n${read.quality}\n`);
      }
      files.push(join(work, 'reads', `site${s}.fastq.gz`));
      await writeFile(files.at(-1)!, gzipSync(text.join('')));
    }

    const engine = new Engine();
    const vsearch = spawnSync('vsearch', ['--version']).status === 0;
    const result: Record<string, unknown> = { reads: regionOf.size, regions: regions.length, readLength: READ_LENGTH };
    const settings = [
      { name: 'truncate 240, max-ee 0.3', maxEe: 0.3, ours: { truncateLength: 240 }, theirs: ['--fastq_trunclen', '240'], strip: 0 },
      { name: 'primer removed, truncate 220, max-ee 0.29', maxEe: 0.29, ours: { truncateLength: 220, primers: V4 }, theirs: ['--fastq_stripleft', '19', '--fastq_trunclen', '220'], strip: 19 },
    ];
    for (const setting of settings) {
      const out = join(work, `seqatlas-${setting.strip}`);
      const ours = await timed(() => engine.filterReads({ input: join(work, 'reads'), out, maxExpectedErrors: setting.maxEe, ...setting.ours }));
      const kept = new Map<string, string>();
      for (const sample of ours.value.samples) if (sample.file) for (const [id, sequence] of fastqReads(await readFile(sample.file, 'utf8'))) kept.set(id, sequence);
      const length = setting.ours.truncateLength;
      // The truth: the read's first `length` bases as sequenced, past the primer when it is removed.
      const truthOf = (id: string) => (setting.strip > 0 ? regionOf.get(id)! : `${SEQUENCED_FORWARD}${regionOf.get(id)!}`).slice(0, length);
      const identical = [...kept].filter(([id, sequence]) => sequence === truthOf(id)).length;
      const entry: Record<string, unknown> = { seconds: Number(ours.seconds.toFixed(1)), kept: Number((kept.size / regionOf.size).toFixed(4)), identicalToTruth: Number((identical / Math.max(1, kept.size)).toFixed(4)) };
      if (vsearch) {
        const theirs = new Map<string, string>();
        const run = await timed(async () => {
          for (const [i, file] of files.entries()) {
            const output = join(work, `vsearch-${setting.strip}-${i}.fastq`);
            const filtered = spawnSync('vsearch', ['--fastq_filter', file, ...setting.theirs, '--fastq_maxee', String(setting.maxEe), '--fastq_maxns', '0', '--fastqout', output, '--quiet'], { encoding: 'utf8' });
            if (filtered.status !== 0) throw new Error(`vsearch failed: ${filtered.stderr.slice(-500)}`);
          }
        });
        for (const i of files.keys()) for (const [id, sequence] of fastqReads(await readFile(join(work, `vsearch-${setting.strip}-${i}.fastq`), 'utf8'))) theirs.set(id, sequence);
        const same = [...kept].filter(([id, sequence]) => theirs.get(id) === sequence).length;
        entry.vsearch = { seconds: Number(run.seconds.toFixed(1)), kept: Number((theirs.size / regionOf.size).toFixed(4)), sameReadsKeptAlike: same, keptByOneOnly: kept.size + theirs.size - 2 * same };
      }
      if (setting.strip > 0) {
        const denoised = await timed(() => engine.denoise({ input: out, out: join(work, 'zotus.fasta'), counts: join(work, 'zotus.tsv') }));
        const truths = new Set(regions.map((region) => region.slice(0, length)));
        const zotus = (await readFile(denoised.value.out, 'utf8')).split('>').slice(1).map((block) => block.split('\n').slice(1).join(''));
        entry.denoised = { seconds: Number(denoised.seconds.toFixed(1)), zotus: zotus.length, true: zotus.filter((zotu) => truths.has(zotu)).length, distinctTrueRegions: truths.size };
      }
      result[setting.name] = entry;
    }
    if (!vsearch) result.vsearch = 'not installed (apt-get install vsearch)';
    return result;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
