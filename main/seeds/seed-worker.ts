import { parentPort, workerData } from 'node:worker_threads';
import { CandidateRanker } from './candidate-ranker.ts';
import { SeedIndex } from './seed-index.ts';
import type { RankReply, RankTask, WorkerSetup } from './seed-pool.ts';

/** One alignment thread of a SeedPool: ranks the query blocks it is sent against the shared index. */
const setup = workerData as WorkerSetup;
const ranker = new CandidateRanker(SeedIndex.fromData(setup.index), setup.references, setup.options);
parentPort!.on('message', (task: RankTask) => {
  let reply: RankReply;
  try {
    reply = { id: task.id, ranked: task.queries.map((query, i) => ranker.rank(query, task.extras[i])) };
  } catch (error) {
    reply = { id: task.id, error: error instanceof Error ? error.stack ?? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
