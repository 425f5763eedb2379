/**
 * classify at the size of a real run, as a CLI child process (RSS sampled from /proc every 100 ms, seconds per stage
 * from its progress events): 50,000 Illumina-like V4 reads (the 16S gold test half's V4 regions, each copied with
 * 0.3% errors, in 8 samples; and 200,000 such reads, to see how time and memory grow) against the training half cut
 * to V4, and 5,000 full-length Nanopore-like reads (the
 * test reads with 5% errors, as FASTQ stating it) against the full-length training half, the latter also with
 * `--threads 1` to show what the chimera check's worker threads bring.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../main/api/engine.ts';
import { withReadErrors } from '../main/classify/read-errors.ts';
import { PrimerPair, PrimerRegionCutter } from '../main/io/primer-region.ts';
import { APP_ROOT } from '../main/shared/app-paths.ts';
import { mulberry32 } from '../native/onnx/seeded-random.ts';
import { refdataDir } from './bench-env.ts';
import { nanoporeErrors } from './taxonomy-noisy.ts';
import { goldSplit, readGold } from './taxonomy-peers.ts';

const V4 = { forward: 'GTGYCAGCMGCCGCGGTAA', reverse: 'GGACTACNVGGGTWTCTAAT' };
const V4_READS = 50_000;
/** A run four times larger, to see how time and memory grow with the reads. */
const LARGE_V4_READS = 200_000;
const NOISY_READS = 5_000;

async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : 0;
}

/** One `seqatlas classify` child: its wall time, seconds per progress stage, peak RSS and what it printed last. */
async function classifyChild(args: string[]): Promise<Record<string, unknown>> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(APP_ROOT, 'bin', 'seqatlas.js'), 'classify', ...args, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let peak = 0;
  const timer = setInterval(async () => (peak = Math.max(peak, await rssMiB(child.pid!))), 100);
  const stages: Record<string, number> = {};
  let stage = 'start';
  let since = performance.now();
  let result: { reads?: number; chimeras?: number | null } = {};
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (buffered + chunk.toString()).split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      const event = JSON.parse(line) as { type: string; stage?: string; result?: typeof result };
      if (event.type === 'progress' && event.stage && event.stage !== stage) {
        stages[stage] = (stages[stage] ?? 0) + (performance.now() - since) / 1000;
        stage = event.stage;
        since = performance.now();
      }
      if (event.type === 'result' && event.result) result = event.result;
    }
  });
  const code = await new Promise<number | null>((resolveExit) => child.on('exit', resolveExit));
  clearInterval(timer);
  if (code !== 0) throw new Error(`classify ${args.join(' ')} failed with exit code ${code}`);
  stages[stage] = (stages[stage] ?? 0) + (performance.now() - since) / 1000;
  return {
    reads: result.reads, chimeras: result.chimeras, seconds: Number(((performance.now() - started) / 1000).toFixed(1)), peakRssMiB: Math.round(peak),
    secondsByStage: Object.fromEntries(Object.entries(stages).map(([name, seconds]) => [name, Number(seconds.toFixed(1))])),
  };
}

export async function benchClassifyScale(): Promise<Record<string, unknown>> {
  const work = await mkdtemp(join(tmpdir(), 'seqatlas-bench-scale-'));
  try {
    const { train, test } = await goldSplit(refdataDir(), work);
    const engine = new Engine();
    const store = join(work, 'store');
    await engine.buildReference({ input: train, name: 'v4', model: 'dna-kmer', store, region: V4 });
    await engine.buildReference({ input: train, name: 'full', model: 'dna-kmer', store });
    const random = mulberry32(20261125);

    const cutter = new PrimerRegionCutter(PrimerPair.parse(V4));
    const regions = readGold(test).flatMap((record) => {
      const cut = cutter.cut({ id: record.id, description: '', sequence: record.sequence.toUpperCase(), annotations: {}, recordNumber: 0, line: 0 }, test);
      return cut.kind === 'record' && /^[ACGT]+$/.test(cut.record.sequence) ? [cut.record.sequence] : [];
    });
    const v4Reads = (count: number) => Array.from({ length: count }, (_, i) => `>read${i};sample=site${i % 8}\n${withReadErrors(regions[i % regions.length]!, 0.003, random)}\n`).join('');
    const v4 = join(work, 'v4.fasta');
    await writeFile(v4, v4Reads(V4_READS));
    const largeV4 = join(work, 'v4-large.fasta');
    await writeFile(largeV4, v4Reads(LARGE_V4_READS));

    const full = readGold(test).map((record) => record.sequence.toUpperCase());
    const quality = String.fromCharCode(33 + 13);
    const noisy = join(work, 'minion.fastq');
    await writeFile(noisy, Array.from({ length: NOISY_READS }, (_, i) => {
      const sequence = nanoporeErrors(full[i % full.length]!, 0.05, random);
      return `@read${i}\n${sequence}\n+\n${quality.repeat(sequence.length)}\n`;
    }).join(''));

    // Each input is embedded and fitted once by a first run, so the timed runs measure classifying alone.
    const common = (input: string, reference: string, out: string) => ['--input', input, '--reference', reference, '--store', store, '--out', join(work, out)];
    await classifyChild(common(v4, 'v4', 'warm-v4'));
    await classifyChild(common(noisy, 'full', 'warm-noisy'));
    await classifyChild(common(largeV4, 'v4', 'warm-v4-large'));
    return {
      [`${V4_READS} V4 reads (0.3% errors)`]: await classifyChild(common(v4, 'v4', 'v4')),
      [`${LARGE_V4_READS} V4 reads (0.3% errors)`]: await classifyChild(common(largeV4, 'v4', 'v4-large')),
      [`${NOISY_READS} full-length reads (5% errors)`]: await classifyChild(common(noisy, 'full', 'noisy')),
      [`${NOISY_READS} full-length reads (5% errors), --threads 1`]: await classifyChild([...common(noisy, 'full', 'noisy-1'), '--threads', '1']),
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
