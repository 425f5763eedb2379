import type { DpEnd } from './gotoh.ts';

/** Per query residue, 1 where aligned to an identical target residue; and the aligned span (1-based, 0 if none). */
export interface AlignedMatches {
  marks: Uint8Array;
  queryFirst: number;
  queryLast: number;
  targetFirst: number;
  targetLast: number;
}
import { E_EXTENDS, F_EXTENDS, H_DIAGONAL, H_FROM_E, H_SOURCE, H_STOP } from './gotoh.ts';

/**
 * Walks the traceback as tracebackMetrics does, but marks which query residues are aligned to an identical target
 * residue (1) rather than counting columns (so the marks sum to its `identities`): what a chimera check compares, position by position, between parents.
 * Query residues outside a local alignment, or against a gap, stay 0.
 */
export function tracebackMatches(trace: Uint8Array, query: Uint8Array, m: number, target: Uint8Array, matrix: Int8Array, end: DpEnd, out: Uint8Array): AlignedMatches {
  out.fill(0, 0, m);
  const span = { queryFirst: 0, queryLast: 0, targetFirst: 0, targetLast: 0 };
  let i = end.i;
  let j = end.j;
  let inH = true;
  let inE = false;
  while (i > 0 && j > 0) {
    const bits = trace[j * end.rowStep + i + end.cellOffset]!;
    if (inH) {
      const source = bits & H_SOURCE;
      if (source === H_STOP) break;
      if (source === H_DIAGONAL) {
        if (span.queryLast === 0) {
          span.queryLast = i;
          span.targetLast = j;
        }
        span.queryFirst = i;
        span.targetFirst = j;
        const a = query[i - 1]!;
        // An identity as tracebackMetrics counts one: the same residue, scored positive (so N–N is not one).
        if (a === target[j - 1] && matrix[(a << 7) | a]! > 0) out[i - 1] = 1;
        i -= 1;
        j -= 1;
      } else {
        inH = false;
        inE = source === H_FROM_E;
      }
    } else {
      if (!(bits & (inE ? E_EXTENDS : F_EXTENDS))) inH = true;
      if (inE) i -= 1;
      else j -= 1;
    }
  }
  return { marks: out, ...span };
}
