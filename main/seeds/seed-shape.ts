import { NO_GROUP, REDUCED_SIZE } from './reduced-alphabet.ts';
import { RANK_BITS } from './residue-ranks.ts';

/** Most matched positions a shape may have: their residue ranks are packed into one 32-bit posting field. */
export const MAX_SEED_WEIGHT = Math.floor(31 / RANK_BITS);

/**
 * A spaced seed: which positions of a window must match ('1') and which may differ ('0'), as in PatternHunter and
 * diamond. Spaced seeds of the same weight hit homologues more often than contiguous ones, because their hits along
 * one alignment are less correlated (a single mismatch kills fewer overlapping windows).
 */
export class SeedShape {
  /** Offsets of the '1' positions inside the window. */
  readonly offsets: Int32Array;
  /** Window length (first to last '1'). */
  readonly span: number;
  /** Number of distinct keys, REDUCED_SIZE ^ weight. */
  readonly keys: number;

  constructor(readonly pattern: string) {
    if (!/^1[01]*1$|^1$/.test(pattern)) throw new RangeError(`a seed shape is 0s and 1s starting and ending with 1, not "${pattern}"`);
    this.offsets = Int32Array.from([...pattern].flatMap((c, i) => (c === '1' ? [i] : [])));
    this.span = pattern.length;
    this.keys = REDUCED_SIZE ** this.offsets.length;
    if (this.offsets.length > MAX_SEED_WEIGHT) throw new RangeError(`seed shape "${pattern}" has weight ${this.offsets.length}, more than ${MAX_SEED_WEIGHT}`);
  }

  get weight(): number {
    return this.offsets.length;
  }

  /** Key of the window starting at `start` of reduced codes, or -1 when a matched position has no group. */
  keyAt(codes: Uint8Array, start: number): number {
    let key = 0;
    for (let s = 0; s < this.offsets.length; s++) {
      const code = codes[start + this.offsets[s]!]!;
      if (code === NO_GROUP) return -1;
      key = key * REDUCED_SIZE + code;
    }
    return key;
  }
}
