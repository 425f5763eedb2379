import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { inChunks } from '../shared/chunked-work.ts';
import { CandidateRanker, type RankedCandidate, type RankerOptions } from './candidate-ranker.ts';
import { SeedIndex, type SeedIndexData } from './seed-index.ts';
import { SeedShape } from './seed-shape.ts';

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
  references: readonly string[];
  options: RankerOptions;
}
export interface RankTask {
  kind: 'rank';
  id: number;
  queries: string[];
  extras: number[][];
}
/** Messages to a worker: build the index (the first worker), take the index another built, or rank queries. */
export type WorkerRequest = { kind: 'build'; pattern: string } | { kind: 'index'; index: SeedIndexData } | RankTask;
export type RankReply = { id: number; ranked: RankedCandidate[][] } | { id: number; error: string };
export type BuildReply = { kind: 'built'; index: SeedIndexData; seconds: number } | { kind: 'built'; error: string };

/** The index a pool ranks against, and the seconds its build took. */
export interface BuiltIndex {
  index: SeedIndex;
  seconds: number;
}

/**
 * Ranks candidates for blocks of queries on `threads` worker threads (one ranker per thread, the seed index shared
 * through SharedArrayBuffers), or in this thread when threads is 1. Aligning the candidates is the costly step of
 * the seed prefilter (about three quarters of its time on one core), and queries are independent, so a block is
 * handed out in chunks to whichever worker is free.
 *
 * With workers, the first one builds the index (about a second for 30,000 proteins) and the others receive it, so
 * the caller's thread is free meanwhile to load vectors and search embeddings; ranking waits for `ready`.
 */
export class SeedPool {
  private readonly pending = new Map<number, { resolve: (ranked: RankedCandidate[][]) => void; reject: (error: Error) => void }>();
  private nextId = 0;

  private constructor(
    private readonly workers: Worker[],
    private readonly local: CandidateRanker | null,
    /** The index, once built; rejects when the build fails. */
    readonly ready: Promise<BuiltIndex>,
  ) {
    for (const worker of workers) {
      worker.on('message', (reply: RankReply | BuildReply) => {
        if (!('kind' in reply)) this.settle(reply);
      });
      worker.on('error', (error) => this.failAll(error));
    }
    // Ranking awaits `ready` and reports a failed build; until then it must not count as unhandled.
    ready.catch(() => undefined);
  }

  /** threads 0: one per available core. `references[i]` is reference row i; `pattern` the seed shape. */
  static start(references: readonly string[], pattern: string, options: RankerOptions, threads: number): SeedPool {
    const count = threads === 0 ? availableParallelism() : threads;
    if (count <= 1) {
      const started = performance.now();
      const index = SeedIndex.build(references, new SeedShape(pattern));
      const built = { index, seconds: (performance.now() - started) / 1000 };
      return new SeedPool([], new CandidateRanker(index, references, options), Promise.resolve(built));
    }
    const setup: WorkerSetup = { references, options };
    const workers = Array.from({ length: count }, () => new Worker(workerEntry(), { workerData: setup }));
    const ready = new Promise<BuiltIndex>((resolve, reject) => {
      workers[0]!.on('message', (reply: RankReply | BuildReply) => {
        if (!('kind' in reply)) return;
        if ('error' in reply) {
          reject(new Error(`seed prefilter worker failed to build the index: ${reply.error}`));
          return;
        }
        for (const worker of workers.slice(1)) worker.postMessage({ kind: 'index', index: reply.index } satisfies WorkerRequest);
        resolve({ index: SeedIndex.fromData(reply.index), seconds: reply.seconds });
      });
      workers[0]!.once('error', reject);
    });
    workers[0]!.postMessage({ kind: 'build', pattern } satisfies WorkerRequest);
    return new SeedPool(workers, null, ready);
  }

  get threads(): number {
    return Math.max(1, this.workers.length);
  }

  /** Ranked candidates of every query; extras[i] are references query i must be aligned with besides its seeds. */
  async rank(queries: readonly string[], extras: readonly (readonly number[])[]): Promise<RankedCandidate[][]> {
    await this.ready;
    if (this.local) return queries.map((query, i) => this.local!.rank(query, extras[i]));
    const ranked = new Array<RankedCandidate[]>(queries.length);
    // Some chunks are slow (queries that need the sensitive pass): chunks go to whichever worker is free.
    await inChunks(this.workers, queries.length, CHUNK, async (worker, from, to) => {
      const part = await this.send(worker, queries.slice(from, to), extras.slice(from, to));
      part.forEach((candidates, i) => (ranked[from + i] = candidates));
    });
    return ranked;
  }

  private send(worker: Worker, queries: string[], extras: readonly (readonly number[])[]): Promise<RankedCandidate[][]> {
    return new Promise<RankedCandidate[][]>((resolve, reject) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, reject });
      const task: RankTask = { kind: 'rank', id, queries, extras: extras.map((e) => [...e]) };
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
