import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { askWorker } from '../shared/ask-worker.ts';
import { inChunks } from '../shared/chunked-work.ts';
import type { Chimera, ChimeraSettings } from './chimera-check.ts';
import { TwoParentCheck } from './two-parent-check.ts';

/** Run from source the worker is TypeScript and starts through a shim that registers tsx; bundled, it is a .js. */
function workerEntry(): URL {
  return import.meta.url.endsWith('.ts') ? new URL('./chimera-worker-entry.mjs', import.meta.url) : new URL('./chimera-worker.js', import.meta.url);
}

/** Reads sent to a worker at a time: a few dozen alignments, so messages cost little and threads stay balanced. */
const CHUNK = 8;
/**
 * Less work than this (dynamic-programming cells: read length × candidate lengths, summed; about half a second on
 * one core) is aligned here: starting workers, a few hundred ms when they run from source, would not pay. 472 V4
 * reads stay here; a few hundred full-length reads go to the workers.
 */
const MIN_CELLS_FOR_WORKERS = 5e8;

/** What each worker starts with: the candidate references' sequences (by reference index) and the lineage codes. */
export interface ChimeraWorkerSetup {
  references: [number, string][];
  codes: Int32Array[];
  settings: ChimeraSettings;
}
export interface ChimeraTask {
  id: number;
  reads: { sequence: string; candidates: number[] }[];
}
export type ChimeraReply = { id: number; chimeras: (Chimera | null)[] } | { id: number; error: string };

/**
 * The chimera check's alignments on `threads` worker threads (0: one per core, when the work is worth it). Aligning
 * a read to its candidate parents is most of the check's time (full-length Nanopore reads: about 4 ms a read, minutes
 * for a large run on one core), and reads are independent, so they are handed out in chunks to whichever thread is
 * free.
 */
export async function checkTwoParents(
  reads: readonly { sequence: string; candidates: number[] }[], references: ReadonlyMap<number, string>, codes: Int32Array[], settings: ChimeraSettings,
  threads = 0,
): Promise<(Chimera | null)[]> {
  const count = Math.min(threads === 0 ? availableParallelism() : threads, Math.ceil(reads.length / CHUNK));
  const cells = reads.reduce((sum, read) => sum + read.sequence.length * read.candidates.reduce((total, index) => total + (references.get(index)?.length ?? 0), 0), 0);
  if (count <= 1 || (threads === 0 && cells < MIN_CELLS_FOR_WORKERS)) {
    const check = new TwoParentCheck((index) => references.get(index) ?? '', codes, settings);
    return reads.map((read) => check.check(read.sequence, read.candidates));
  }
  const setup: ChimeraWorkerSetup = { references: [...references], codes, settings };
  const workers = Array.from({ length: count }, () => new Worker(workerEntry(), { workerData: setup }));
  try {
    const found = new Array<Chimera | null>(reads.length);
    await inChunks(workers, reads.length, CHUNK, async (worker, from, to) => {
      const reply = await askWorker<ChimeraReply>(worker, { id: from, reads: reads.slice(from, to) } satisfies ChimeraTask, 'chimera check worker');
      if ('error' in reply) throw new Error(`chimera check worker failed: ${reply.error}`);
      reply.chimeras.forEach((chimera, i) => (found[from + i] = chimera));
    });
    return found;
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
