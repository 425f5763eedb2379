/**
 * Overlaps a batch's commit (LanceDB writes, then the SQLite checkpoint) with the model run of the next batch,
 * keeping at most one commit in flight and commits in order. The model and the storage engine work on their own
 * threads, so the pipeline costs little more than the slower of the two. Crash safety is unchanged: a checkpoint is
 * still written only after its batch's rows are committed.
 */
export class CommitPipeline {
  private inFlight: Promise<void> = Promise.resolve();

  /** Waits for the previous commit (surfacing its error), then starts `commit` without waiting for it. */
  async submit(commit: () => Promise<void>): Promise<void> {
    await this.inFlight;
    const started = commit();
    // The error is rethrown by the next submit() or drain(); this only stops Node reporting it as unhandled meanwhile.
    started.catch(() => undefined);
    this.inFlight = started;
  }

  async drain(): Promise<void> {
    await this.inFlight;
  }
}
