import { parentPort, workerData } from 'node:worker_threads';
import type { ChimeraReply, ChimeraTask, ChimeraWorkerSetup } from './chimera-pool.ts';
import { partCandidates } from './part-candidates.ts';
import { ReferenceWords } from './reference-words.ts';
import { SharedSequences } from './shared-sequences.ts';
import { relatedReferences, TwoParentCheck } from './two-parent-check.ts';

/** One thread of the chimera check (see ChimeraPool): finds candidate parents or checks the chunks of reads it is sent. */
const setup = workerData as ChimeraWorkerSetup;
const sequences = SharedSequences.fromData(setup.sequences);
const words = setup.words ? ReferenceWords.fromData(setup.words) : null;
const related = relatedReferences(setup.codes);
const check = new TwoParentCheck((index) => sequences.get(index), setup.codes, setup.settings);

parentPort!.on('message', (task: ChimeraTask) => {
  let reply: ChimeraReply;
  try {
    reply = task.kind === 'candidates'
      ? { id: task.id, candidates: task.reads.map((read) => partCandidates(read.sequence, read.nearest, words, related)) }
      : { id: task.id, chimeras: task.reads.map((read) => check.check(read.sequence, read.candidates)) };
  } catch (error) {
    reply = { id: task.id, error: error instanceof Error ? error.stack ?? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
