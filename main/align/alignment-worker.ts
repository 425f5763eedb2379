import { parentPort, workerData } from 'node:worker_threads';
import { alignedOrNull } from './aligned-or-null.ts';
import { Aligner } from './aligner.ts';
import type { AlignmentReply, AlignmentTask, AlignmentWorkerSetup } from './alignment-pool.ts';
import { scoringFor } from './scoring.ts';

/** One thread of an AlignmentPool: aligns the chunks of pairs it is sent with its own aligner. */
const setup = workerData as AlignmentWorkerSetup;
const aligner = new Aligner(scoringFor(setup.alphabet));

parentPort!.on('message', (task: AlignmentTask) => {
  let reply: AlignmentReply;
  try {
    reply = { id: task.id, metrics: task.pairs.map(([query, target, mode]) => alignedOrNull(aligner, query, target, mode, { band: setup.band })) };
  } catch (error) {
    reply = { id: task.id, error: error instanceof Error ? error.stack ?? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
