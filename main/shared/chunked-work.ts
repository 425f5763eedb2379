/**
 * Hands `total` items out in chunks of `chunk` to `workers`, each taking the next chunk when it is done with one, so
 * a chunk of slow items holds up one worker for a while instead of leaving the others idle at the end. Resolves
 * when every chunk is done (or with the first failure).
 */
export async function inChunks<W>(workers: readonly W[], total: number, chunk: number, work: (worker: W, from: number, to: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(workers.map(async (worker) => {
    while (next < total) {
      const from = next;
      const to = Math.min(total, from + chunk);
      next = to;
      await work(worker, from, to);
    }
  }));
}
