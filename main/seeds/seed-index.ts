import { reduceInto } from './reduced-alphabet.ts';
import { RANK_BITS, rankInto } from './residue-ranks.ts';
import { SeedShape } from './seed-shape.ts';

/** A SeedIndex as plain data, for postMessage: its arrays live in SharedArrayBuffers, so workers share, not copy, them. */
export interface SeedIndexData {
  pattern: string;
  start: Uint32Array;
  postings: Int32Array;
  residues: Uint8Array;
  firstResidue: Int32Array;
}

/** Int32 fields per posting: reference row, window start, packed residue ranks. */
export const POSTING_FIELDS = 3;

function shared<T extends Int32Array | Uint32Array | Uint8Array>(Kind: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number }, length: number): T {
  return new Kind(new SharedArrayBuffer(length * Kind.BYTES_PER_ELEMENT));
}

/**
 * Every seed of a reference set, as an inverted index in compressed-sparse-row layout: the postings of key `x`
 * are entries start[x] .. start[x + 1] - 1, posting p being postings[3p] (reference row), postings[3p + 1] (window
 * start in it) and postings[3p + 2] (the residue ranks under the seed's matched positions, RANK_BITS each). Beside
 * them, every reference residue's rank, reference r's at firstResidue[r] .. firstResidue[r + 1] - 1, for ungapped
 * extension.
 *
 * The packed ranks are what make scoring every seed hit affordable: postings of one key are visited in order, so
 * reading the hit's residues from them streams through memory, while reading them from `residues` would miss the
 * cache on nearly every hit (a quarter of a million per query), which measured 15× slower. The three fields of a
 * posting are interleaved for the same reason: one cache line per posting instead of three, both when the build
 * scatters postings to their keys and when a search reads a hit (about 10 % off each, measured).
 *
 * Typed arrays rather than maps of arrays: 30,000 proteins hold about 11 M seeds, which as JavaScript arrays would
 * cost several times the memory and most of the build time in allocation. The arrays are allocated in
 * SharedArrayBuffers so that alignment workers search the same index without copying it.
 */
export class SeedIndex {
  private constructor(
    readonly shape: SeedShape,
    readonly start: Uint32Array,
    readonly postings: Int32Array,
    readonly residues: Uint8Array,
    readonly firstResidue: Int32Array,
  ) {}

  static fromData(data: SeedIndexData): SeedIndex {
    return new SeedIndex(new SeedShape(data.pattern), data.start, data.postings, data.residues, data.firstResidue);
  }

  toData(): SeedIndexData {
    const { start, postings, residues, firstResidue } = this;
    return { pattern: this.shape.pattern, start, postings, residues, firstResidue };
  }

  get referenceCount(): number {
    return this.firstResidue.length - 1;
  }

  get postingCount(): number {
    return this.postings.length / POSTING_FIELDS;
  }

  /** Residues of the whole reference set: the search space of an e-value. */
  get residueCount(): number {
    return this.residues.length;
  }

  /**
   * Indexes `sequences` (row i of the reference is sequences[i]). A sequence shorter than the seed's span has no
   * window and no postings; windows over a residue outside the reduced alphabet are left out.
   */
  static build(sequences: readonly string[], shape: SeedShape): SeedIndex {
    const firstResidue = shared(Int32Array, sequences.length + 1);
    sequences.forEach((sequence, r) => (firstResidue[r + 1] = firstResidue[r]! + sequence.length));
    const total = firstResidue[sequences.length]!;
    const codes = new Uint8Array(total);
    const residues = shared(Uint8Array, total);
    sequences.forEach((sequence, r) => {
      reduceInto(sequence, codes, firstResidue[r]!);
      rankInto(sequence, residues, firstResidue[r]!);
    });
    // Keys are computed once and kept, so counting and filling (the two CSR passes) do not compute them twice.
    const keys = new Int32Array(total).fill(-1);
    const start = shared(Uint32Array, shape.keys + 1);
    for (let r = 0; r < sequences.length; r++) {
      const last = firstResidue[r + 1]! - shape.span;
      for (let p = firstResidue[r]!; p <= last; p++) {
        const key = shape.keyAt(codes, p);
        keys[p] = key;
        if (key >= 0) start[key + 1]! += 1;
      }
    }
    for (let x = 0; x < shape.keys; x++) start[x + 1]! += start[x]!;
    const fill = start.slice(0, shape.keys);
    const postings = shared(Int32Array, start[shape.keys]! * POSTING_FIELDS);
    const { offsets } = shape;
    for (let r = 0; r < sequences.length; r++) {
      for (let p = firstResidue[r]!; p < firstResidue[r + 1]!; p++) {
        const key = keys[p]!;
        if (key < 0) continue;
        const at = fill[key]!++ * POSTING_FIELDS;
        let ranks = 0;
        for (let s = 0; s < offsets.length; s++) ranks |= residues[p + offsets[s]!]! << (RANK_BITS * s);
        postings[at] = r;
        postings[at + 1] = p - firstResidue[r]!;
        postings[at + 2] = ranks;
      }
    }
    return new SeedIndex(shape, start, postings, residues, firstResidue);
  }
}
