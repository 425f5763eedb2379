import type { IssueCode } from './record-issue.ts';

export type SequenceFileErrorCode = Extract<IssueCode, 'unreadable_file' | 'empty_file' | 'binary_data' | 'malformed_record' | 'truncated_gzip'>;

/**
 * The file as a whole cannot be read as sequences (missing, empty, binary, not FASTA/FASTQ, or the disk failed
 * mid-read), as opposed to a bad record, which is reported as an issue while reading goes on.
 * The message is one line naming the file.
 */
export class SequenceFileError extends Error {
  constructor(
    readonly code: SequenceFileErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SequenceFileError';
  }
}
