/**
 * Rate and ETA from a sliding window of recent samples, so the estimate follows the current batch lengths
 * (length-sorted batches make the rate drift within a window) rather than the average since the start.
 */
export class ProgressMeter {
  private readonly samples: { t: number; done: number }[] = [];

  constructor(private readonly windowMs = 10_000, private readonly now: () => number = () => performance.now()) {}

  update(done: number, total: number | null): { rate: number; eta: number | null } {
    const t = this.now();
    this.samples.push({ t, done });
    while (this.samples.length > 2 && t - this.samples[0]!.t > this.windowMs) this.samples.shift();
    const first = this.samples[0]!;
    const seconds = (t - first.t) / 1000;
    const rate = seconds > 0 ? (done - first.done) / seconds : 0;
    const eta = total !== null && rate > 0 ? Math.max(0, (total - done) / rate) : null;
    return { rate, eta };
  }
}
