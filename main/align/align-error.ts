/**
 * Why a pair was not aligned. The caller skips the pair and records the code, so it must stay stable;
 * the message is one line naming the lengths involved.
 */
export type AlignmentErrorCode = 'too_long' | 'empty_sequence';

export class AlignmentError extends Error {
  readonly code: AlignmentErrorCode;
  constructor(code: AlignmentErrorCode, message: string) {
    super(message);
    this.name = 'AlignmentError';
    this.code = code;
  }
}

/**
 * Largest query × target product aligned: the traceback keeps one byte per cell, so this caps it at 64 MiB
 * (and a single pair at roughly a second of CPU), which two proteins of ~8,000 residues still fit under.
 */
export const MAX_ALIGNMENT_CELLS = 64 * 1024 * 1024;
