import { parentPort, workerData } from 'node:worker_threads';
import { CandidateRanker } from './candidate-ranker.ts';
import { SeedIndex } from './seed-index.ts';
import type { BuildReply, RankReply, WorkerRequest, WorkerSetup } from './seed-pool.ts';
import { SeedShape } from './seed-shape.ts';

/**
 * One alignment thread of a SeedPool: builds the shared index (if it is the first) or takes it from the pool, then
 * ranks the query blocks it is sent against it. Messages arrive in order, so ranking always finds the index.
 */
const setup = workerData as WorkerSetup;
let ranker: CandidateRanker | undefined;
const failure = (error: unknown) => (error instanceof Error ? error.stack ?? error.message : String(error));

parentPort!.on('message', (request: WorkerRequest) => {
  if (request.kind === 'build') {
    let reply: BuildReply;
    try {
      const started = performance.now();
      const index = SeedIndex.build(setup.references, new SeedShape(request.pattern));
      ranker = new CandidateRanker(index, setup.references, setup.options);
      reply = { kind: 'built', index: index.toData(), seconds: (performance.now() - started) / 1000 };
    } catch (error) {
      reply = { kind: 'built', error: failure(error) };
    }
    parentPort!.postMessage(reply);
    return;
  }
  if (request.kind === 'index') {
    ranker = new CandidateRanker(SeedIndex.fromData(request.index), setup.references, setup.options);
    return;
  }
  let reply: RankReply;
  try {
    if (!ranker) throw new Error('ranking requested before the seed index was built');
    const built = ranker;
    reply = { id: request.id, ranked: request.queries.map((query, i) => built.rank(query, request.extras[i])) };
  } catch (error) {
    reply = { id: request.id, error: failure(error) };
  }
  parentPort!.postMessage(reply);
});
