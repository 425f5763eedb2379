import { E_EXTENDS, F_EXTENDS, H_DIAGONAL, H_FROM_E, H_SOURCE, H_STOP, type DpEnd } from './gotoh.ts';

export type AlignMode = 'global' | 'local';

/**
 * What one pairwise alignment says about a query/reference pair, in BLAST's vocabulary.
 *
 * Columns count end gaps in global mode (as EMBOSS needle does), so identity = identities / alignmentLength is
 * lowered by overhangs. Start/end are 1-based inclusive and span the first to the last column that pairs two
 * residues: in local mode that is the whole alignment; in global mode it leaves out end gaps, so that coverage
 * (span / sequence length, as MMseqs2 defines it) says how much of each sequence the other actually overlaps
 * rather than being 1 by construction. Without any paired column (an empty local alignment) all are 0.
 */
export interface AlignmentMetrics {
  mode: AlignMode;
  score: number;
  /** identities / alignmentLength. */
  identity: number;
  /** positives / alignmentLength. */
  similarity: number;
  /** Columns pairing the same residue with a positive substitution score (so X–X and N–N are not identities). */
  identities: number;
  /** Columns whose substitution score is positive, identities included. */
  positives: number;
  /** Columns with a gap on either side. */
  gaps: number;
  /** Runs of consecutive gap columns on the same side. */
  gapOpenings: number;
  /** Columns in the alignment. */
  alignmentLength: number;
  queryStart: number;
  queryEnd: number;
  targetStart: number;
  targetEnd: number;
  /** (queryEnd - queryStart + 1) / query length. */
  queryCoverage: number;
  /** (targetEnd - targetStart + 1) / target length. */
  targetCoverage: number;
  /**
   * Present only when a band was asked for (Aligner.align with band 'auto' or an explicit band): true when the DP
   * was restricted to a diagonal band, false when 'auto' found no usable band and aligned the full matrix. A banded
   * score is a lower bound on the full one: equal whenever the optimal alignment stays inside the band.
   */
  banded?: boolean;
}

const IN_H = 0;
const IN_E = 1;
const IN_F = 2;

/**
 * Walks the traceback from the DP's end cell back to its start, counting columns as it goes. `trace` has one byte
 * per cell, laid out as `end` says, and `query`/`target` are the encoded residues the DP was filled with.
 */
export function tracebackMetrics(
  trace: Uint8Array,
  query: Uint8Array,
  m: number,
  target: Uint8Array,
  n: number,
  matrix: Int8Array,
  end: DpEnd,
  mode: AlignMode,
): AlignmentMetrics {
  let i = end.i;
  let j = end.j;
  let state = IN_H;
  let columns = 0;
  let identities = 0;
  let positives = 0;
  let gaps = 0;
  let gapOpenings = 0;
  let queryFirst = 0;
  let queryLast = 0;
  let targetFirst = 0;
  let targetLast = 0;
  while (i > 0 || j > 0) {
    if (state === IN_H) {
      if (i === 0 || j === 0) {
        // Only global alignments reach an edge with residues left: they form one leading end gap.
        if (mode === 'global') {
          columns += i + j;
          gaps += i + j;
          gapOpenings += 1;
        }
        break;
      }
      const source = trace[j * end.rowStep + i + end.cellOffset]! & H_SOURCE;
      if (source === H_STOP) break;
      if (source === H_FROM_E) state = IN_E;
      else if (source !== H_DIAGONAL) state = IN_F;
      else {
        const a = query[i - 1]!;
        const b = target[j - 1]!;
        const score = matrix[(a << 7) | b]!;
        if (score > 0) {
          positives += 1;
          if (a === b) identities += 1;
        }
        if (queryLast === 0) {
          queryLast = i;
          targetLast = j;
        }
        queryFirst = i;
        targetFirst = j;
        columns += 1;
        i -= 1;
        j -= 1;
      }
    } else {
      // A gap column: E consumes a query residue against a gap, F a target residue.
      const bits = trace[j * end.rowStep + i + end.cellOffset]!;
      const inE = state === IN_E;
      if (!(bits & (inE ? E_EXTENDS : F_EXTENDS))) {
        gapOpenings += 1;
        state = IN_H;
      }
      columns += 1;
      gaps += 1;
      if (inE) i -= 1;
      else j -= 1;
    }
  }
  if (columns === 0) return emptyMetrics(mode);
  const paired = queryLast > 0;
  const queryStart = paired ? queryFirst : 0;
  const queryEnd = paired ? queryLast : 0;
  const targetStart = paired ? targetFirst : 0;
  const targetEnd = paired ? targetLast : 0;
  return {
    mode,
    score: end.score,
    identity: identities / columns,
    similarity: positives / columns,
    identities,
    positives,
    gaps,
    gapOpenings,
    alignmentLength: columns,
    queryStart,
    queryEnd,
    targetStart,
    targetEnd,
    queryCoverage: paired ? (queryEnd - queryStart + 1) / m : 0,
    targetCoverage: paired ? (targetEnd - targetStart + 1) / n : 0,
  };
}

/** A local alignment with nothing scoring above zero: no columns, so every ratio is reported as 0. */
function emptyMetrics(mode: AlignMode): AlignmentMetrics {
  return {
    mode,
    score: 0,
    identity: 0,
    similarity: 0,
    identities: 0,
    positives: 0,
    gaps: 0,
    gapOpenings: 0,
    alignmentLength: 0,
    queryStart: 0,
    queryEnd: 0,
    targetStart: 0,
    targetEnd: 0,
    queryCoverage: 0,
    targetCoverage: 0,
  };
}
