import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { askWorker } from '../shared/ask-worker.ts';
import { inChunks } from '../shared/chunked-work.ts';
import type { Chimera, ChimeraSettings } from './chimera-check.ts';
import { partCandidates } from './part-candidates.ts';
import { ReferenceWords, type ReferenceWordsData } from './reference-words.ts';
import { SharedSequences, type SharedSequencesData } from './shared-sequences.ts';
import { relatedReferences, TwoParentCheck } from './two-parent-check.ts';

/** Run from source the worker is TypeScript and starts through a shim that registers tsx; bundled, it is a .js. */
function workerEntry(): URL {
  return import.meta.url.endsWith('.ts') ? new URL('./chimera-worker-entry.mjs', import.meta.url) : new URL('./chimera-worker.js', import.meta.url);
}

/** Reads sent to a worker at a time: a few dozen alignments or word lookups, so messages cost little and threads stay balanced. */
const CHUNK = 8;
const WORDS_CHUNK = 256;
/**
 * Less alignment work than this (dynamic-programming cells: read length × candidate lengths, summed; about half a
 * second on one core) is done here, unless the workers are already started: starting them, a few hundred ms when
 * they run from source, would not pay. 472 V4 reads stay here; a few hundred full-length reads go to the workers.
 */
const MIN_CELLS_FOR_WORKERS = 5e8;
/** Fewer reads than this have their candidate parents found here (about 90 µs a read: half a second). */
const MIN_READS_FOR_WORKERS = 5_000;

/** What each worker starts with: every reference's sequence and the word index (both shared), and the lineage codes. */
export interface ChimeraWorkerSetup {
  sequences: SharedSequencesData;
  words: ReferenceWordsData | null;
  codes: Int32Array[];
  settings: ChimeraSettings;
}
/** A read's candidate parents as partCandidates finds them. */
export interface PartCandidates {
  candidates: number[];
  mixed: boolean;
}
export type ChimeraTask =
  | { kind: 'candidates'; id: number; reads: { sequence: string; nearest: Int32Array }[] }
  | { kind: 'check'; id: number; reads: { sequence: string; candidates: number[] }[] };
export type ChimeraReply = { id: number; candidates: PartCandidates[] } | { id: number; chimeras: (Chimera | null)[] } | { id: number; error: string };

/**
 * The chimera check's two costly steps on `threads` worker threads (0: one per core, when the work is worth it):
 * finding each read's candidate parents by shared words, and aligning a read to them (full-length Nanopore reads:
 * about 4 ms a read, minutes for a large run on one core). Reads are independent, so they are handed out in chunks
 * to whichever thread is free; the references' sequences and word index sit in shared memory, once for all threads.
 */
export class ChimeraPool {
  private workers: Worker[] = [];
  private readonly threads: number;
  private readonly local: { words: ReferenceWords | null; related: (a: number, b: number) => boolean; check: TwoParentCheck };

  constructor(
    /** Every reference's sequence by index ('' where it has none); copied into shared memory when workers start. */
    private readonly sequences: readonly string[],
    words: ReferenceWords | null,
    private readonly codes: Int32Array[],
    private readonly settings: ChimeraSettings,
    private readonly threadsAsked = 0,
  ) {
    this.threads = threadsAsked === 0 ? availableParallelism() : threadsAsked;
    this.local = { words, related: relatedReferences(codes), check: new TwoParentCheck((index) => sequences[index] ?? '', codes, settings) };
  }

  /** Each read's candidate parents: its nearest references and each quarter's best matches by words. */
  async partCandidates(reads: readonly { sequence: string; nearest: Int32Array }[]): Promise<PartCandidates[]> {
    if (!this.local.words || !this.worthWorkers(reads.length, WORDS_CHUNK, reads.length >= MIN_READS_FOR_WORKERS)) {
      return reads.map((read) => partCandidates(read.sequence, read.nearest, this.local.words, this.local.related));
    }
    return this.onWorkers(reads, WORDS_CHUNK, (id, chunk) => ({ kind: 'candidates', id, reads: chunk }), (reply) => ('candidates' in reply ? reply.candidates : null));
  }

  /** Each read's chimera, if two of its candidates explain it (TwoParentCheck). */
  async checkTwoParents(reads: readonly { sequence: string; candidates: number[] }[]): Promise<(Chimera | null)[]> {
    const cells = reads.reduce((sum, read) => sum + read.sequence.length * read.candidates.reduce((total, index) => total + (this.sequences[index]?.length ?? 0), 0), 0);
    if (!this.worthWorkers(reads.length, CHUNK, cells >= MIN_CELLS_FOR_WORKERS)) return reads.map((read) => this.local.check.check(read.sequence, read.candidates));
    return this.onWorkers(reads, CHUNK, (id, chunk) => ({ kind: 'check', id, reads: chunk }), (reply) => ('chimeras' in reply ? reply.chimeras : null));
  }

  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  /** Threads asked for by number always take more than a chunk of work; left at 0, only work that pays for starting them. */
  private worthWorkers(reads: number, chunk: number, large: boolean): boolean {
    return this.threads > 1 && reads > chunk && (this.threadsAsked > 0 || this.workers.length > 0 || large);
  }

  private async onWorkers<R, T>(items: readonly R[], chunk: number, task: (id: number, chunk: R[]) => ChimeraTask, result: (reply: ChimeraReply) => T[] | null): Promise<T[]> {
    if (this.workers.length === 0) {
      const setup: ChimeraWorkerSetup = { sequences: SharedSequences.from(this.sequences).toData(), words: this.local.words?.toData() ?? null, codes: this.codes, settings: this.settings };
      this.workers = Array.from({ length: Math.min(this.threads, Math.ceil(items.length / chunk)) }, () => new Worker(workerEntry(), { workerData: setup }));
    }
    const out = new Array<T>(items.length);
    await inChunks(this.workers, items.length, chunk, async (worker, from, to) => {
      const reply = await askWorker<ChimeraReply>(worker, task(from, items.slice(from, to)), 'chimera check worker');
      if ('error' in reply) throw new Error(`chimera check worker failed: ${reply.error}`);
      result(reply)!.forEach((value, i) => (out[from + i] = value));
    });
    return out;
  }
}
