/**
 * Reference lookup speed: exact cosine k-NN of 10,000 queries against 100,000 references of 256 dims (seeded
 * random vectors), k = 10, three ways:
 *   knnSearcher  KnnSearcher (onnxruntime Gemm + TopK over reference chunks, per-chunk top-k merged), all queries
 *   jsLoop       bruteForceKnn, the plain JavaScript loop, on the first 100 queries, extrapolated to 10,000
 *   lancedbFlat  LanceDB flat (no index) search, one query at a time, on the first 200 queries, extrapolated
 * The subsets also measure agreement: the share of each baseline's top-10 indices that KnnSearcher also found.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import { uniformFloats } from '../native/onnx/seeded-random.ts';
import { arrow } from '../main/store/arrow.ts';
import { bruteForceKnn, KnnSearcher, ReferenceMatrix, type KnnHit } from '../main/lookup/index.ts';
import { timed } from './bench-env.ts';

const QUERIES = 10_000;
const REFERENCES = 100_000;
const DIM = 256;
const K = 10;
const JS_SUBSET = 100;
const LANCE_SUBSET = 200;

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

/** Share of the baseline's neighbour indices that the searcher's lists also hold. */
function agreement(searcher: readonly KnnHit[][], baseline: readonly number[][]): number {
  let found = 0;
  let total = 0;
  baseline.forEach((indices, q) => {
    const mine = new Set(searcher[q]!.map((hit) => hit.index));
    total += indices.length;
    found += indices.filter((index) => mine.has(index)).length;
  });
  return round(found / total, 4);
}

async function lancedbFlat(refRows: Float32Array, queries: Float32Array): Promise<{ seconds: number; tableSeconds: number; indices: number[][] }> {
  const dir = await mkdtemp(join(tmpdir(), 'seqatlas-lookup-bench-'));
  try {
    const { Schema, Field, Int32, Float32, FixedSizeList, makeData, Struct, RecordBatch, Table } = arrow;
    const vectorType = new FixedSizeList(DIM, new Field('item', new Float32(), true));
    const schema = new Schema([new Field('id', new Int32(), false), new Field('vector', vectorType, false)]);
    const ids = makeData({ type: new Int32(), length: REFERENCES, data: Int32Array.from({ length: REFERENCES }, (_, i) => i) });
    const vectors = makeData({ type: vectorType, length: REFERENCES, nullCount: 0, child: makeData({ type: new Float32(), length: REFERENCES * DIM, data: refRows }) });
    const rows = new Table(new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: REFERENCES, nullCount: 0, children: [ids, vectors] })));
    const db = await lancedb.connect(dir);
    const { value: table, seconds: tableSeconds } = await timed(() => db.createTable('refs', rows));
    const indices: number[][] = [];
    const { seconds } = await timed(async () => {
      for (let q = 0; q < LANCE_SUBSET; q += 1) {
        const vector = Array.from(queries.subarray(q * DIM, (q + 1) * DIM));
        const hits = (await table.vectorSearch(vector).distanceType('cosine').limit(K).select(['id', '_distance']).toArray()) as { id: number }[];
        indices.push(hits.map((hit) => hit.id));
      }
    });
    table.close();
    db.close();
    return { seconds, tableSeconds, indices };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function benchLookupSpeed(): Promise<Record<string, unknown>> {
  const refRows = uniformFloats(REFERENCES * DIM, 20_261);
  const queries = uniformFloats(QUERIES * DIM, 20_262);
  const references = ReferenceMatrix.fromRows(refRows, REFERENCES, DIM, 'cosine');
  const flop = (queryCount: number) => 2 * queryCount * REFERENCES * DIM;

  const searcher = await KnnSearcher.open({ dim: DIM, metric: 'cosine', device: 'auto' });
  let searched: { value: KnnHit[][]; seconds: number };
  try {
    await searcher.search(references, queries.subarray(0, 16 * DIM), 16, K); // warm-up: session and allocator
    searched = await timed(() => searcher.search(references, queries, QUERIES, K));
  } finally {
    await searcher.release();
  }
  const searcherRate = QUERIES / searched.seconds;

  const js = await timed(async () => bruteForceKnn(references, queries.subarray(0, JS_SUBSET * DIM), JS_SUBSET, K));
  const jsRate = JS_SUBSET / js.seconds;

  const lance = await lancedbFlat(refRows, queries);
  const lanceRate = LANCE_SUBSET / lance.seconds;

  return {
    shape: { queries: QUERIES, references: REFERENCES, dim: DIM, k: K, metric: 'cosine', data: 'uniform random, seeded' },
    knnSearcher: {
      provider: searcher.provider,
      queries: QUERIES,
      seconds: round(searched.seconds, 2),
      queriesPerSecond: round(searcherRate),
      gflopPerSecond: round(flop(QUERIES) / searched.seconds / 1e9),
    },
    jsLoop: {
      queries: JS_SUBSET,
      note: `measured on the first ${JS_SUBSET} queries, extrapolated to ${QUERIES}`,
      seconds: round(js.seconds, 2),
      queriesPerSecond: round(jsRate, 2),
      gflopPerSecond: round(flop(JS_SUBSET) / js.seconds / 1e9, 2),
      extrapolatedSeconds: round(QUERIES / jsRate),
      agreementWithSearcher: agreement(searched.value, js.value.map((hits) => hits.map((hit) => hit.index))),
    },
    lancedbFlat: {
      queries: LANCE_SUBSET,
      note: `flat search (no index), one query per call, measured on the first ${LANCE_SUBSET} queries, extrapolated to ${QUERIES}`,
      tableCreateSeconds: round(lance.tableSeconds, 2),
      seconds: round(lance.seconds, 2),
      queriesPerSecond: round(lanceRate, 2),
      extrapolatedSeconds: round(QUERIES / lanceRate),
      agreementWithSearcher: agreement(searched.value, lance.indices),
    },
    speedUp: { overJsLoop: round(searcherRate / jsRate), overLancedbFlat: round(searcherRate / lanceRate) },
  };
}
