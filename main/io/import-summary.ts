import type { ReadEvent } from './read-sequences.ts';
import type { IssueCode } from './record-issue.ts';

export interface ImportSummaryJSON {
  read: number;
  accepted: number;
  rejected: number;
  /** Rejections per issue code; codes that did not occur are absent. */
  byCode: Partial<Record<IssueCode, number>>;
}

/** How many records a read produced, accepted and rejected (by reason). Invariant: read = accepted + rejected. */
export class ImportSummary {
  read = 0;
  accepted = 0;
  rejected = 0;
  readonly byCode: Partial<Record<IssueCode, number>> = {};

  add(event: ReadEvent): void {
    this.read += 1;
    if (event.kind === 'record') {
      this.accepted += 1;
      return;
    }
    this.rejected += 1;
    this.byCode[event.issue.code] = (this.byCode[event.issue.code] ?? 0) + 1;
  }

  toJSON(): ImportSummaryJSON {
    return { read: this.read, accepted: this.accepted, rejected: this.rejected, byCode: { ...this.byCode } };
  }

  /** One line for logs and the CLI: `read 120, accepted 117, rejected 3 (duplicate_id 2, illegal_characters 1)`. */
  toString(): string {
    const reasons = Object.entries(this.byCode).sort(([a], [b]) => a.localeCompare(b)).map(([code, n]) => `${code} ${n}`);
    return `read ${this.read}, accepted ${this.accepted}, rejected ${this.rejected}${reasons.length > 0 ? ` (${reasons.join(', ')})` : ''}`;
  }
}

/** Passes `events` through unchanged while counting them into `summary`, for callers that consume the stream anyway. */
export async function* countingInto(summary: ImportSummary, events: AsyncIterable<ReadEvent>): AsyncGenerator<ReadEvent> {
  for await (const event of events) {
    summary.add(event);
    yield event;
  }
}
