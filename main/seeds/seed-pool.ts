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
 * split into one contiguous slice per worker.
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
    const slice = Math.ceil(queries.length / this.workers.length);
    const parts = this.workers.map((worker, w) => {
      const from = w * slice;
      const to = Math.min(queries.length, from + slice);
      if (from >= to) return Promise.resolve([]);
      return new Promise<RankedCandidate[][]>((resolve, reject) => {
        const id = this.nextId++;
        this.pending.set(id, { resolve, reject });
        const task: RankTask = { id, queries: queries.slice(from, to), extras: extras.slice(from, to).map((e) => [...e]) };
        worker.postMessage(task);
      });
    });
    return (await Promise.all(parts)).flat();
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
