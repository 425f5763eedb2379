import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { askWorker } from '../shared/ask-worker.ts';
import { alignedOrNull } from './aligned-or-null.ts';
import { Aligner } from './aligner.ts';
import type { AlignMode, AlignmentMetrics } from './alignment-metrics.ts';
import { scoringFor, type Alphabet } from './scoring.ts';

/** Run from source the worker is TypeScript and starts through a shim that registers tsx; bundled, it is a .js. */
function workerEntry(): URL {
  return import.meta.url.endsWith('.ts') ? new URL('./alignment-worker-entry.mjs', import.meta.url) : new URL('./alignment-worker.js', import.meta.url);
}

/** What each worker starts with: one aligner's scoring and band, as the pool's own. */
export interface AlignmentWorkerSetup {
  alphabet: Alphabet;
  band: 'auto' | 'full';
}
/** One pair to align: query, target and mode. */
export type PairToAlign = [query: string, target: string, mode: AlignMode];
export interface AlignmentTask {
  id: number;
  pairs: PairToAlign[];
}
export type AlignmentReply = { id: number; metrics: (AlignmentMetrics | null)[] } | { id: number; error: string };

/** Pairs sent to a worker at a time: a few dozen milliseconds of work, so messages cost little and threads stay balanced. */
const CHUNK = 16;
/**
 * With threads left at 0 (one per core), batches of less work than this (dynamic-programming cells, about a second
 * on one core at 60–70 million cells a second) are aligned here until the workers are started: starting them from
 * source costs a few hundred ms. A 512-query annotate block with 5 hits of 400 residues is 4 × 10⁸.
 */
const MIN_CELLS_FOR_WORKERS = 6e7;

/** A chunk of pairs waiting for a free worker, and where its reply goes. */
interface QueuedChunk {
  task: AlignmentTask;
  resolve: (metrics: (AlignmentMetrics | null)[]) => void;
  reject: (error: Error) => void;
}

/**
 * Aligns batches of independent pairs on worker threads, started on the first batch that is worth them and kept
 * for the next ones: annotate's alignment metrics and redundancy filter align every hit of every query (about 2 ms
 * a pair of proteins, far more for long ones), which on one core was most of an aligned run's time. Batches may
 * overlap (annotate aligns one block's hits while it searches the next block): their chunks share one queue, and
 * each worker takes the next chunk when it is free, so a worker never has two tasks (and two replies) at once.
 * Results are those of alignedOrNull, in the order asked.
 */
export class AlignmentPool {
  private readonly local: Aligner;
  private readonly threads: number;
  /** Threads asked for by number: every batch of more than a chunk goes to them, however small. */
  private readonly explicit: boolean;
  private workers: Worker[] = [];
  private idle: Worker[] = [];
  private readonly queue: QueuedChunk[] = [];
  private nextId = 0;
  /** A worker's failure; every later batch fails with it (a dead worker would never reply). */
  private failure: Error | null = null;

  /** threads 0: one per core, workers only for batches worth them; 1: this thread; n: n workers for every batch. */
  constructor(private readonly setup: AlignmentWorkerSetup, threads = 0) {
    this.local = new Aligner(scoringFor(setup.alphabet));
    this.threads = threads === 0 ? availableParallelism() : threads;
    this.explicit = threads > 0;
  }

  async align(pairs: readonly PairToAlign[]): Promise<(AlignmentMetrics | null)[]> {
    const cells = pairs.reduce((sum, [query, target]) => sum + query.length * target.length, 0);
    const useWorkers = this.threads > 1 && pairs.length > CHUNK && (this.explicit || this.workers.length > 0 || cells >= MIN_CELLS_FOR_WORKERS);
    if (!useWorkers) return pairs.map(([query, target, mode]) => alignedOrNull(this.local, query, target, mode, { band: this.setup.band }));
    if (this.workers.length === 0) {
      this.workers = Array.from({ length: this.threads }, () => new Worker(workerEntry(), { workerData: this.setup }));
      this.idle = [...this.workers];
    }
    const chunks: Promise<(AlignmentMetrics | null)[]>[] = [];
    for (let from = 0; from < pairs.length; from += CHUNK) {
      const task: AlignmentTask = { id: this.nextId++, pairs: pairs.slice(from, from + CHUNK) };
      chunks.push(new Promise((resolve, reject) => this.queue.push({ task, resolve, reject })));
    }
    this.dispatch();
    return (await Promise.all(chunks)).flat();
  }

  /** Hands queued chunks to idle workers; a worker that replies is idle again and takes the next. */
  private dispatch(): void {
    if (this.failure) for (const chunk of this.queue.splice(0)) chunk.reject(this.failure);
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const chunk = this.queue.shift()!;
      askWorker<AlignmentReply>(worker, chunk.task, 'alignment worker').then(
        (reply) => {
          this.idle.push(worker);
          if ('error' in reply) chunk.reject(new Error(`alignment worker failed: ${reply.error}`));
          else chunk.resolve(reply.metrics);
          this.dispatch();
        },
        (error: Error) => {
          this.failure = error;
          chunk.reject(error);
          this.dispatch();
        },
      );
    }
  }

  /** The threads that have aligned so far: 1 until a batch went to the workers. */
  get threadsUsed(): number {
    return this.workers.length === 0 ? 1 : this.workers.length;
  }

  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    this.idle = [];
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
