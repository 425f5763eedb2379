import { AlignmentError, MAX_ALIGNMENT_CELLS } from './align-error.ts';
import { tracebackMetrics, type AlignMode, type AlignmentMetrics } from './alignment-metrics.ts';
import { GotohWorkspace } from './gotoh.ts';
import { scoringFor, type Alphabet, type Scoring } from './scoring.ts';
import { MATRIX_SIDE } from './substitution-matrix.ts';

/**
 * Aligns pairs with one scoring scheme, keeping its buffers between calls: the annotate pipeline aligns each query
 * against dozens of hits, and reallocating an m × n traceback per pair would dominate short alignments.
 * Not re-entrant (the buffers are shared), which is fine on one thread.
 */
export class Aligner {
  private readonly workspace = new GotohWorkspace();
  private query: Uint8Array = new Uint8Array(0);
  private target: Uint8Array = new Uint8Array(0);

  constructor(private readonly scoring: Scoring) {
    const { gapOpen, gapExtend, matrix } = scoring;
    // Local tracebacks rely on every gap costing something: a free gap could start or end an alignment.
    if (!Number.isInteger(gapOpen) || !Number.isInteger(gapExtend) || gapOpen < 0 || gapExtend < 0 || gapOpen + gapExtend === 0) {
      throw new RangeError(`gap penalties must be non-negative integers, not both 0 (open ${gapOpen}, extend ${gapExtend})`);
    }
    if (matrix.length !== MATRIX_SIDE * MATRIX_SIDE) throw new RangeError(`substitution matrix must have ${MATRIX_SIDE} × ${MATRIX_SIDE} entries, not ${matrix.length}`);
  }

  /** Aligns query against target; throws AlignmentError for an empty sequence or a pair over MAX_ALIGNMENT_CELLS. */
  align(query: string, target: string, mode: AlignMode): AlignmentMetrics {
    const m = query.length;
    const n = target.length;
    if (m === 0 || n === 0) {
      throw new AlignmentError('empty_sequence', `cannot align an empty sequence (query ${m}, target ${n} residues)`);
    }
    if (m * n > MAX_ALIGNMENT_CELLS) {
      throw new AlignmentError('too_long', `pair too long to align: query ${m} × target ${n} residues exceeds ${MAX_ALIGNMENT_CELLS} cells`);
    }
    this.query = encode(query, this.query);
    this.target = encode(target, this.target);
    const end = this.workspace.fill(this.query, m, this.target, n, this.scoring, mode === 'local');
    return tracebackMetrics(this.workspace.trace, this.query, m, this.target, n, this.scoring.matrix, end, mode);
  }
}

/** One-off alignment with the alphabet's default scoring; use an Aligner to align many pairs. */
export function alignPair(query: string, target: string, options: { mode: AlignMode; alphabet: Alphabet }): AlignmentMetrics {
  return new Aligner(scoringFor(options.alphabet)).align(query, target, options.mode);
}

/**
 * Residues as matrix indices. Lower case is folded to upper case so soft-masked input aligns as its letters;
 * codes beyond ASCII become 127, which the matrices score as an unknown residue.
 */
function encode(sequence: string, buffer: Uint8Array): Uint8Array {
  const codes = buffer.length >= sequence.length ? buffer : new Uint8Array(Math.max(sequence.length, buffer.length * 2));
  for (let k = 0; k < sequence.length; k++) {
    const c = sequence.charCodeAt(k);
    codes[k] = c >= 97 && c <= 122 ? c - 32 : c > 127 ? 127 : c;
  }
  return codes;
}
