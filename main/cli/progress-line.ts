import type { JobEvent } from '../api/job-events.ts';

/**
 * A one-line progress display on a terminal (stderr, so stdout stays clean for results). Small enough to write
 * here: progress libraries add redraw modes and dependencies the CLI does not need.
 */
export class ProgressLine {
  private lastDraw = 0;
  private visible = false;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  get enabled(): boolean {
    return Boolean(this.stream.isTTY);
  }

  show(event: Extract<JobEvent, { type: 'progress' }>): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 100 && event.total !== event.done) return;
    this.lastDraw = now;
    const width = 28;
    const fraction = event.total ? Math.min(1, event.done / event.total) : 0;
    const filled = Math.round(fraction * width);
    const bar = event.total ? `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%` : '';
    const eta = event.eta === null ? '' : ` ETA ${formatSeconds(event.eta)}`;
    const text = `${event.stage} ${bar} ${event.done}${event.total ? `/${event.total}` : ''} ${event.unit} ${event.rate.toFixed(0)}/s${eta}`;
    this.stream.write(`\r${text.padEnd(this.stream.columns ? Math.min(this.stream.columns - 1, 100) : 100)}`);
    this.visible = true;
  }

  clear(): void {
    if (this.visible) this.stream.write('\n');
    this.visible = false;
  }
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
  return `${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
}
