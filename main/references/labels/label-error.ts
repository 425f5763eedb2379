export type LabelErrorCode = 'ambiguous_format' | 'no_labels' | 'malformed_label' | 'unreadable_file' | 'malformed_line' | 'duplicate_id';

/** A label source that cannot be used as given; the message is one line naming the file and line or record id. */
export class LabelError extends Error {
  constructor(
    readonly code: LabelErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LabelError';
  }
}
