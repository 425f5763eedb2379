import { parentPort, workerData } from 'node:worker_threads';
import type { ChimeraReply, ChimeraTask, ChimeraWorkerSetup } from './chimera-pool.ts';
import { TwoParentCheck } from './two-parent-check.ts';

/** One alignment thread of the chimera check (see checkTwoParents): checks the chunks of reads it is sent. */
const setup = workerData as ChimeraWorkerSetup;
const references = new Map(setup.references);
const check = new TwoParentCheck((index) => references.get(index) ?? '', setup.codes, setup.settings);

parentPort!.on('message', (task: ChimeraTask) => {
  let reply: ChimeraReply;
  try {
    reply = { id: task.id, chimeras: task.reads.map((read) => check.check(read.sequence, read.candidates)) };
  } catch (error) {
    reply = { id: task.id, error: error instanceof Error ? error.stack ?? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
