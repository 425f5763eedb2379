import * as ort from 'onnxruntime-node';
import { buildScoreTopKGraph } from '../../native/graphs/knn-topk.ts';
import type { DeviceRequest } from '../../native/runtime/execution-provider.ts';
import { openSession } from '../../native/runtime/session-factory.ts';
import { LookupInputError } from './lookup-error.ts';
import type { KnnHit, Metric } from './metric.ts';
import { prepareRows, type ReferenceMatrix } from './reference-matrix.ts';
import { checkSearchRequest, filterCandidates, firstToExclude, type SearchOptions } from './search-request.ts';
import { TopKAccumulator } from './top-k-accumulator.ts';

export interface KnnSearcherOptions {
  dim: number;
  metric: Metric;
  device?: DeviceRequest;
  /** Intra-op threads for the CPU provider; 0 or absent lets onnxruntime choose. */
  threads?: number;
  /** References scored per graph run; with queryBatch it bounds the score block onnxruntime holds. */
  chunkRows?: number;
  /** Queries scored per graph run. */
  queryBatch?: number;
}

const DEFAULT_CHUNK_ROWS = 65_536;
const DEFAULT_QUERY_BATCH = 256;

function positiveInteger(field: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new LookupInputError('bad_option', `lookup: ${field} must be a positive integer, got ${value}`);
  return value;
}

/**
 * Exact k-nearest-neighbour lookup on onnxruntime: one Gemm + TopK graph scores a block of queries against a
 * chunk of references, and the per-chunk top-k lists are merged on the JavaScript side. Streaming over
 * reference chunks keeps memory at queryBatch × chunkRows scores whatever the reference set's size.
 */
export class KnnSearcher {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly provider: string,
    readonly fallbacks: readonly string[],
    readonly dim: number,
    readonly metric: Metric,
    private readonly chunkRows: number,
    private readonly queryBatch: number,
  ) {}

  static async open(options: KnnSearcherOptions): Promise<KnnSearcher> {
    positiveInteger('dim', options.dim);
    const chunkRows = positiveInteger('chunkRows', options.chunkRows ?? DEFAULT_CHUNK_ROWS);
    const queryBatch = positiveInteger('queryBatch', options.queryBatch ?? DEFAULT_QUERY_BATCH);
    const model = buildScoreTopKGraph({ dim: options.dim, metric: options.metric });
    const opened = await openSession({ model, device: options.device ?? 'auto', threads: options.threads });
    return new KnnSearcher(opened.session, opened.provider, opened.fallbacks, options.dim, options.metric, chunkRows, queryBatch);
  }

  /**
   * The k nearest references of each query, best first (ties by lower reference index where the float32 scores
   * tie). k is clamped to the reference count. With `exclude`, 2k candidates are fetched and filtered; queries
   * left short are fetched again with twice as many, so the answer is still exact.
   */
  async search(references: ReferenceMatrix, queries: Float32Array, queryCount: number, k: number, options: SearchOptions = {}): Promise<KnnHit[][]> {
    const limit = checkSearchRequest(this, references, queries, queryCount, k, options);
    const prepared = prepareRows(queries, queryCount, this.dim, this.metric, 'query');
    const results: KnnHit[][] = Array.from({ length: queryCount }, () => []);
    if (limit === 0) return results;

    let pending = Array.from({ length: queryCount }, (_, q) => q);
    let fetch = options.exclude ? Math.min(references.count, 2 * limit) : limit;
    while (pending.length > 0) {
      const block = pending.length === queryCount ? prepared : this.gatherRows(prepared, pending);
      const candidates = await this.nearest(references, block, pending.length, fetch);
      const fetchedAll = fetch === references.count;
      if (options.exclude && options.prepareExclude) {
        await options.prepareExclude(pending.map((query, row) => ({ query, refs: firstToExclude(candidates[row]!, limit, options.maxDistance) })));
      }
      const unsettled: number[] = [];
      pending.forEach((query, row) => {
        const { hits, settled } = filterCandidates(query, candidates[row]!, limit, fetchedAll, options);
        if (settled) results[query] = hits;
        else unsettled.push(query);
      });
      pending = unsettled;
      fetch = Math.min(references.count, 2 * fetch);
    }
    return results;
  }

  async release(): Promise<void> {
    await this.session.release();
  }

  private gatherRows(rows: Float32Array, which: readonly number[]): Float32Array {
    const out = new Float32Array(which.length * this.dim);
    which.forEach((row, i) => out.set(rows.subarray(row * this.dim, (row + 1) * this.dim), i * this.dim));
    return out;
  }

  /** The `fetch` nearest references of each query row, with final distances, best first. */
  private async nearest(references: ReferenceMatrix, queries: Float32Array, queryCount: number, fetch: number): Promise<KnnHit[][]> {
    // Ranked in the graph's own terms (1 - cos, or squared L2) and converted once at the end.
    const merged = new TopKAccumulator(queryCount, fetch);
    for (let q0 = 0; q0 < queryCount; q0 += this.queryBatch) {
      const q1 = Math.min(queryCount, q0 + this.queryBatch);
      const queryTensor = new ort.Tensor('float32', queries.subarray(q0 * this.dim, q1 * this.dim), [q1 - q0, this.dim]);
      for (let r0 = 0; r0 < references.count; r0 += this.chunkRows) {
        const r1 = Math.min(references.count, r0 + this.chunkRows);
        const chunkK = Math.min(fetch, r1 - r0);
        const output = await this.session.run({
          queries: queryTensor,
          refs: new ort.Tensor('float32', references.chunk(r0, r1), [r1 - r0, this.dim]),
          k: new ort.Tensor('int64', BigInt64Array.of(BigInt(chunkK)), [1]),
        });
        const scores = output.scores!.data as Float32Array;
        const indices = output.indices!.data as BigInt64Array;
        for (let row = 0; row < q1 - q0; row += 1) {
          for (let j = 0; j < chunkK; j += 1) {
            const at = row * chunkK + j;
            const rankDistance = this.metric === 'cosine' ? 1 - scores[at]! : scores[at]!;
            merged.offer(q0 + row, rankDistance, r0 + Number(indices[at]!));
          }
        }
      }
    }
    const finalDistance = this.metric === 'cosine' ? (d: number) => Math.max(0, d) : (d: number) => Math.sqrt(Math.max(0, d));
    return Array.from({ length: queryCount }, (_, row) => merged.entries(row).map((e) => ({ index: e.index, distance: finalDistance(e.distance) })));
  }
}
