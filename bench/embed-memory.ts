/**
 * Peak memory while embedding the 50,000-read 18S-V4 set with the bundled dna-kmer model, as a real CLI child
 * process: RSS sampled from /proc every 100 ms, reported at each quarter of the input to show it stays flat.
 */
import { spawn } from 'node:child_process';
import { readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APP_ROOT } from '../main/shared/app-paths.ts';
import { refdataDir } from './bench-env.ts';

async function rssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : 0;
}

export async function benchEmbedMemory(): Promise<Record<string, unknown>> {
  const input = join(refdataDir(), '18s', 'BioMarKs50k.fsa.gz');
  const store = await mkdtemp(join(tmpdir(), 'seqatlas-bench-mem-'));
  const started = performance.now();
  const child = spawn(process.execPath, [join(APP_ROOT, 'bin', 'seqatlas.js'), 'embed', '--input', input, '--model', 'dna-kmer', '--store', join(store, 's'), '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let peak = 0;
  let done = 0;
  const atQuarter: Record<string, number> = {};
  const timer = setInterval(async () => {
    const rss = await rssMiB(child.pid!);
    peak = Math.max(peak, rss);
  }, 100);
  let buffered = '';
  child.stdout.on('data', async (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      const event = JSON.parse(line) as { type: string; done?: number; total?: number };
      if (event.type !== 'progress' || !event.total) continue;
      done = event.done ?? 0;
      for (const q of [0.25, 0.5, 0.75, 1]) {
        const key = `${q * 100}%`;
        if (atQuarter[key] === undefined && done >= q * event.total) atQuarter[key] = Math.round(await rssMiB(child.pid!));
      }
    }
  });
  const code = await new Promise<number | null>((resolveExit) => child.on('exit', resolveExit));
  clearInterval(timer);
  await rm(store, { recursive: true, force: true });
  if (code !== 0) throw new Error(`embedding the 18S set failed with exit code ${code}`);
  const seconds = (performance.now() - started) / 1000;
  return { records: done, seconds: Number(seconds.toFixed(1)), recordsPerSecond: Math.round(done / seconds), peakRssMiB: Math.round(peak), rssMiBAtProgress: atQuarter };
}
