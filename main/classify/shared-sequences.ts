/** Reference sequences as one shared byte array with offsets: what the chimera check's threads read. */
export interface SharedSequencesData {
  bytes: Uint8Array;
  /** Sequence i is bytes[offsets[i]] up to bytes[offsets[i + 1]]. */
  offsets: Int32Array;
}

/**
 * A reference's sequences held once in shared memory for every worker thread, rather than a copy of every string
 * per thread (100,000 full-length 16S references are 145 MB: eight copies would not fit a laptop). Each thread
 * decodes a sequence when it first needs it and keeps it.
 */
export class SharedSequences {
  private readonly decoded = new Map<number, string>();

  private constructor(private readonly data: SharedSequencesData) {}

  /** Sequences of DNA letters (one byte each). */
  static from(sequences: readonly string[]): SharedSequences {
    const offsets = new Int32Array(new SharedArrayBuffer((sequences.length + 1) * Int32Array.BYTES_PER_ELEMENT));
    sequences.forEach((sequence, i) => (offsets[i + 1] = offsets[i]! + sequence.length));
    const bytes = new Uint8Array(new SharedArrayBuffer(offsets[sequences.length]!));
    sequences.forEach((sequence, i) => Buffer.from(bytes.buffer, offsets[i]!, sequence.length).write(sequence, 'latin1'));
    return new SharedSequences({ bytes, offsets });
  }

  static fromData(data: SharedSequencesData): SharedSequences {
    return new SharedSequences(data);
  }

  toData(): SharedSequencesData {
    return this.data;
  }


  /** Sequence `index` ('' where the reference has none). */
  get(index: number): string {
    let sequence = this.decoded.get(index);
    if (sequence === undefined) {
      const { bytes, offsets } = this.data;
      sequence = Buffer.from(bytes.buffer, offsets[index]!, offsets[index + 1]! - offsets[index]!).toString('latin1');
      this.decoded.set(index, sequence);
    }
    return sequence;
  }
}
