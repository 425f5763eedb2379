import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { CandidateRanker, type RankedCandidate, type RankerOptions } from './candidate-ranker.ts';
import type { SeedIndex, SeedIndexData } from './seed-index.ts';

/**
 * The worker's entry. Run from source (CLI, tests, benchmarks), this module is a .ts file that tsx loads, and the
 * worker starts from a small .mjs that registers tsx first; in the desktop app it is bundled into dist/electron,
 * beside the worker's own bundle (electron/vite.config.ts builds both).
 */
function workerEntry(): URL {
  return import.meta.url.endsWith('.ts') ? new URL('./seed-worker-entry.mjs', import.meta.url) : new URL('./seed-worker.js', import.meta.url);
}

/** Queries a worker is sent at a time: small enough to balance the threads, large enough that messages cost little. */
const CHUNK = 16;

/** What each worker is started with. */
export interface WorkerSetup {
  index: SeedIndexData;
  references: readonly string[];
  options: RankerOptions;
}
export interface RankTask {
  id: number;
  queries: string[];
  extras: number[][];
}
export type RankReply = { id: number; ranked: RankedCandidate[][] } | { id: number; error: string };

/**
 * Ranks candidates for blocks of queries on `threads` worker threads (one ranker per thread, the seed index shared
 * through SharedArrayBuffers), or in this thread when threads is 1. Aligning the candidates is the costly step of
 * the seed prefilter (about three quarters of its time on one core), and queries are independent, so a block is
 * handed out in chunks to whichever worker is free.
 */
export class SeedPool {
  private readonly pending = new Map<number, { resolve: (ranked: RankedCandidate[][]) => void; reject: (error: Error) => void }>();
  private nextId = 0;

  private constructor(
    private readonly workers: Worker[],
    private readonly local: CandidateRanker | null,
  ) {
    for (const worker of workers) {
      worker.on('message', (reply: RankReply) => this.settle(reply));
      worker.on('error', (error) => this.failAll(error));
    }
  }

  /** threads 0: one per available core. */
  static open(index: SeedIndex, references: readonly string[], options: RankerOptions, threads: number): SeedPool {
    const count = threads === 0 ? availableParallelism() : threads;
    if (count <= 1) return new SeedPool([], new CandidateRanker(index, references, options));
    const setup: WorkerSetup = { index: index.toData(), references, options };
    return new SeedPool(Array.from({ length: count }, () => new Worker(workerEntry(), { workerData: setup })), null);
  }

  get threads(): number {
    return Math.max(1, this.workers.length);
  }

  /** Ranked candidates of every query; extras[i] are references query i must be aligned with besides its seeds. */
  async rank(queries: readonly string[], extras: readonly (readonly number[])[]): Promise<RankedCandidate[][]> {
    if (this.local) return queries.map((query, i) => this.local!.rank(query, extras[i]));
    const ranked = new Array<RankedCandidate[]>(queries.length);
    let next = 0;
    // Each worker takes the next chunk when it is done with one, so a chunk of slow queries (those that need the
    // sensitive pass) holds up one worker for a while instead of leaving the other idle at the end of the block.
    const work = async (worker: Worker) => {
      while (next < queries.length) {
        const from = next;
        const to = Math.min(queries.length, from + CHUNK);
        next = to;
        const part = await this.send(worker, queries.slice(from, to), extras.slice(from, to));
        part.forEach((candidates, i) => (ranked[from + i] = candidates));
      }
    };
    await Promise.all(this.workers.map(work));
    return ranked;
  }

  private send(worker: Worker, queries: string[], extras: readonly (readonly number[])[]): Promise<RankedCandidate[][]> {
    return new Promise<RankedCandidate[][]>((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      const task: RankTask = { id, queries, extras: extras.map((e) => [...e]) };
      worker.postMessage(task);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private settle(reply: RankReply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if ('error' in reply) waiting.reject(new Error(`seed prefilter worker failed: ${reply.error}`));
    else waiting.resolve(reply.ranked);
  }

  private failAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(new Error(`seed prefilter worker failed: ${error.message}`));
    this.pending.clear();
  }
}
