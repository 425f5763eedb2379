/**
 * Discovery end to end on the 50,000-read 18S-V4 set, as a user runs it: `seqatlas embed` (bundled dna-kmer) then
 * `seqatlas cluster` (UMAP 2-D + HDBSCAN + summaries), each a CLI child process with its RSS sampled from /proc.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_ROOT } from '../main/shared/app-paths.ts';
import { refdataDir } from './bench-env.ts';

async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : 0;
}

/** Runs the CLI with --json; returns its result event, wall seconds and peak RSS. */
async function cli(args: string[]): Promise<{ result: Record<string, unknown>; seconds: number; peakRssMiB: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(APP_ROOT, 'bin', 'seqatlas.js'), ...args, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let peak = 0;
  const timer = setInterval(() => void rssMiB(child.pid!).then((rss) => { peak = Math.max(peak, rss); }), 100);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const code = await new Promise<number | null>((resolveExit) => child.on('exit', resolveExit));
  clearInterval(timer);
  const events = output.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { type: string; result?: Record<string, unknown>; message?: string });
  if (code !== 0) throw new Error(`seqatlas ${args[0]} failed (${code}): ${events.find((e) => e.type === 'error')?.message ?? ''}`);
  return { result: events.find((e) => e.type === 'result')!.result!, seconds: (performance.now() - started) / 1000, peakRssMiB: Math.round(peak) };
}

export async function benchDiscoveryEndToEnd(): Promise<Record<string, unknown>> {
  const input = join(refdataDir(), '18s', 'BioMarKs50k.fsa.gz');
  const dir = await mkdtemp(join(tmpdir(), 'seqatlas-bench-discovery-'));
  try {
    const store = join(dir, 'store');
    const embed = await cli(['embed', '--input', input, '--model', 'dna-kmer', '--store', store]);
    const datasetId = embed.result.datasetId as string;
    const cluster = await cli(['cluster', '--store', store, '--dataset', datasetId, '--model', 'dna-kmer', '--out', join(dir, 'run')]);
    const summary = JSON.parse(await readFile(join(dir, 'run', 'clusters.json'), 'utf8')) as { clusters: { size: number }[] };
    const sizes = summary.clusters.map((c) => c.size).sort((a, b) => b - a);
    return {
      reads: cluster.result.points,
      embed: { seconds: Number(embed.seconds.toFixed(1)), peakRssMiB: embed.peakRssMiB },
      cluster: { seconds: Number(cluster.seconds.toFixed(1)), peakRssMiB: cluster.peakRssMiB, timings: cluster.result.timings },
      clusters: cluster.result.clusters,
      noise: cluster.result.noise,
      largestClusters: sizes.slice(0, 5),
      totalSeconds: Number((embed.seconds + cluster.seconds).toFixed(1)),
      peakRssMiB: Math.max(embed.peakRssMiB, cluster.peakRssMiB),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
