import { WORD_CODES as CODES, forEachWord } from '../io/dna-words.ts';

/** Postings kept at most (about 80 MB): past this, reference words are sampled every few positions. */
const MAX_POSTINGS = 20_000_000;
/** Words looked up per segment of a read, at most (about). */
const QUERY_WORDS = 96;

/** The index itself, in shared memory: worker threads each read it (fromData) without a copy. */
export interface ReferenceWordsData {
  offsets: Int32Array;
  postings: Int32Array;
  references: number;
}

/** An Int32Array in a SharedArrayBuffer, so that posting it to a worker shares it instead of copying it. */
const sharedInt32 = (length: number) => new Int32Array(new SharedArrayBuffer(length * Int32Array.BYTES_PER_ELEMENT));

/**
 * Which references share the most 8-mers with a stretch of a read: how a chimera check finds each part's parent,
 * as UCHIME votes by segment, where the nearest references of the whole read (a mix of two templates) may be
 * neither. Postings in compressed-row form, one per reference and word; a large reference set is indexed at every
 * `stride`-th position, so any shared run of 8 + stride − 1 bases is still found. Written here because it is a
 * few dozen lines and no index on npm takes 2-bit DNA words.
 */
export class ReferenceWords {
  // Reused by every query: shared-word counts per reference (valid where stamped with the current query), and
  // which words the query has already counted.
  private readonly shared: Uint16Array;
  private readonly stamp: Uint32Array;
  private readonly seenWord: Uint32Array = new Uint32Array(CODES);
  private query = 0;

  private constructor(
    private readonly offsets: Int32Array,
    private readonly postings: Int32Array,
    references: number,
  ) {
    this.shared = new Uint16Array(references);
    this.stamp = new Uint32Array(references);
  }

  static build(sequences: readonly string[]): ReferenceWords {
    const bases = sequences.reduce((sum, sequence) => sum + sequence.length, 0);
    const stride = Math.max(1, Math.ceil(bases / MAX_POSTINGS));
    const counts = new Int32Array(CODES + 1);
    const lastOwner = new Int32Array(CODES).fill(-1);
    const pass = (add: (code: number, reference: number) => void) => {
      lastOwner.fill(-1);
      sequences.forEach((sequence, reference) => forEachWord(sequence, (code, start) => {
        if (start % stride !== 0 || lastOwner[code] === reference) return;
        lastOwner[code] = reference;
        add(code, reference);
      }));
    };
    pass((code) => (counts[code + 1]! += 1));
    for (let c = 0; c < CODES; c += 1) counts[c + 1]! += counts[c]!;
    const offsets = sharedInt32(CODES + 1);
    offsets.set(counts);
    const postings = sharedInt32(counts[CODES]!);
    const fill = counts.slice(0, CODES);
    pass((code, reference) => (postings[fill[code]!++] = reference));
    return new ReferenceWords(offsets, postings, sequences.length);
  }

  /** Another thread's view of an index built elsewhere (toData), with its own per-query counters. */
  static fromData(data: ReferenceWordsData): ReferenceWords {
    return new ReferenceWords(data.offsets, data.postings, data.references);
  }

  toData(): ReferenceWordsData {
    return { offsets: this.offsets, postings: this.postings, references: this.stamp.length };
  }

  /**
   * The `count` references sharing the most distinct words with `segment` (at least `least`), most first. Words
   * found in over a tenth of the references (conserved stretches) are skipped: they cannot tell parents apart, and
   * their postings would be most of the work.
   */
  top(segment: string, count: number, least = 2): number[] {
    this.query += 1;
    const { shared, stamp, seenWord, query } = this;
    const common = Math.max(16, this.stamp.length / 10);
    const touched: number[] = [];
    // A long segment is sampled to about QUERY_WORDS words: enough to tell its parent, at a fixed cost per segment.
    const every = Math.max(1, Math.floor(segment.length / QUERY_WORDS));
    forEachWord(segment, (code, start) => {
      if (start % every !== 0 || seenWord[code] === query) return;
      seenWord[code] = query;
      const from = this.offsets[code]!;
      const to = this.offsets[code + 1]!;
      if (to - from > common) return;
      for (let p = from; p < to; p += 1) {
        const reference = this.postings[p]!;
        if (stamp[reference] !== query) {
          stamp[reference] = query;
          shared[reference] = 0;
          touched.push(reference);
        }
        shared[reference] = shared[reference]! + 1;
      }
    });
    const best: number[] = [];
    for (const reference of touched) {
      if (shared[reference]! < least) continue;
      // Insertion into a short sorted list: count is a handful.
      let at = best.length;
      while (at > 0 && (shared[best[at - 1]!]! < shared[reference]! || (shared[best[at - 1]!]! === shared[reference]! && best[at - 1]! > reference))) at -= 1;
      if (at < count) {
        best.splice(at, 0, reference);
        if (best.length > count) best.pop();
      }
    }
    return best;
  }

  /** Distinct words the segment last given to top() shares with `reference` (0 for conserved words only). */
  sharedWith(reference: number): number {
    return this.stamp[reference] === this.query ? this.shared[reference]! : 0;
  }
}
