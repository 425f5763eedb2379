import { AlignmentError, MAX_ALIGNMENT_CELLS } from './align-error.ts';
import { tracebackMatches, type AlignedMatches } from './aligned-matches.ts';
import { tracebackMetrics, type AlignMode, type AlignmentMetrics } from './alignment-metrics.ts';
import { bandCellCount, fitBand, type DiagonalBand } from './band.ts';
import { DiagonalBandFinder } from './diagonal-band.ts';
import { GotohWorkspace, type DpEnd } from './gotoh.ts';
import { encodeResidues } from './residue-codes.ts';
import { scoringFor, type Alphabet, type Scoring } from './scoring.ts';
import { MATRIX_SIDE } from './substitution-matrix.ts';

export interface AlignOptions {
  /**
   * 'full' (the default) fills the whole matrix. 'auto' seeds a diagonal band (findDiagonalBand) and fills only it,
   * falling back to the full matrix when there is no band or it would cover over MAX_BAND_SHARE of the cells; a
   * DiagonalBand fills exactly that band (widened to the corners in global mode). Banded results are marked with
   * `banded` in the metrics.
   */
  band?: 'auto' | 'full' | DiagonalBand;
}

/** Past this share of the matrix a band saves too little to be worth the risk of missing the optimum. */
const MAX_BAND_SHARE = 0.5;

/**
 * Aligns pairs with one scoring scheme, keeping its buffers between calls: the annotate pipeline aligns each query
 * against dozens of hits, and reallocating an m × n traceback per pair would dominate short alignments.
 * Not re-entrant (the buffers are shared), which is fine on one thread.
 */
export class Aligner {
  private readonly workspace = new GotohWorkspace();
  private readonly bandFinder: DiagonalBandFinder;
  private query: Uint8Array = new Uint8Array(0);
  private target: Uint8Array = new Uint8Array(0);
  private matched: Uint8Array = new Uint8Array(0);

  constructor(private readonly scoring: Scoring) {
    const { gapOpen, gapExtend, matrix } = scoring;
    // Local tracebacks rely on every gap costing something: a free gap could start or end an alignment.
    if (!Number.isInteger(gapOpen) || !Number.isInteger(gapExtend) || gapOpen < 0 || gapExtend < 0 || gapOpen + gapExtend === 0) {
      throw new RangeError(`gap penalties must be non-negative integers, not both 0 (open ${gapOpen}, extend ${gapExtend})`);
    }
    if (matrix.length !== MATRIX_SIDE * MATRIX_SIDE) throw new RangeError(`substitution matrix must have ${MATRIX_SIDE} × ${MATRIX_SIDE} entries, not ${matrix.length}`);
    this.bandFinder = new DiagonalBandFinder(scoring.alphabet ?? 'protein');
  }

  /** Aligns query against target; throws AlignmentError for an empty sequence or a pair over MAX_ALIGNMENT_CELLS. */
  align(query: string, target: string, mode: AlignMode, options: AlignOptions = {}): AlignmentMetrics {
    const m = query.length;
    const n = target.length;
    if (m === 0 || n === 0) {
      throw new AlignmentError('empty_sequence', `cannot align an empty sequence (query ${m}, target ${n} residues)`);
    }
    if (m * n > MAX_ALIGNMENT_CELLS) {
      throw new AlignmentError('too_long', `pair too long to align: query ${m} × target ${n} residues exceeds ${MAX_ALIGNMENT_CELLS} cells`);
    }
    const request = options.band ?? 'full';
    if (typeof request === 'object' && !(Number.isInteger(request.lo) && Number.isInteger(request.hi) && request.lo <= request.hi)) {
      throw new RangeError(`a band needs integer diagonals lo ≤ hi, not ${request.lo}..${request.hi}`);
    }
    this.query = encodeResidues(query, this.query);
    this.target = encodeResidues(target, this.target);
    const local = mode === 'local';
    if (request === 'full') return this.traceback(this.workspace.fill(this.query, m, this.target, n, this.scoring, local), m, n, mode);

    const seeded = request === 'auto' ? this.bandFinder.find(this.query, m, this.target, n) : request;
    let band = seeded && fitBand(seeded, m, n, local);
    if (request === 'auto' && band && bandCellCount(band, m, n) > MAX_BAND_SHARE * m * n) band = null;
    const end = this.workspace.fill(this.query, m, this.target, n, this.scoring, local, band ?? undefined);
    return { ...this.traceback(end, m, n, mode), banded: band !== null };
  }

  /**
   * Which query residues the optimal alignment pairs with an identical target residue (one byte per query residue,
   * 1 = identical, in a buffer reused by the next call), and the span it aligns. Banded with 'auto' as align() is.
   */
  matches(query: string, target: string, mode: AlignMode): AlignedMatches {
    const m = query.length;
    const n = target.length;
    if (m === 0 || n === 0) throw new AlignmentError('empty_sequence', `cannot align an empty sequence (query ${m}, target ${n} residues)`);
    if (m * n > MAX_ALIGNMENT_CELLS) throw new AlignmentError('too_long', `pair too long to align: query ${m} × target ${n} residues exceeds ${MAX_ALIGNMENT_CELLS} cells`);
    this.query = encodeResidues(query, this.query);
    this.target = encodeResidues(target, this.target);
    const local = mode === 'local';
    const seeded = this.bandFinder.find(this.query, m, this.target, n);
    let band = seeded && fitBand(seeded, m, n, local);
    if (band && bandCellCount(band, m, n) > MAX_BAND_SHARE * m * n) band = null;
    const end = this.workspace.fill(this.query, m, this.target, n, this.scoring, local, band ?? undefined);
    if (this.matched.length < m) this.matched = new Uint8Array(m);
    const found = tracebackMatches(this.workspace.trace, this.query, m, this.target, this.scoring.matrix, end, this.matched);
    return { ...found, marks: found.marks.subarray(0, m) };
  }

  private traceback(end: DpEnd, m: number, n: number, mode: AlignMode): AlignmentMetrics {
    return tracebackMetrics(this.workspace.trace, this.query, m, this.target, n, this.scoring.matrix, end, mode);
  }
}

/** One-off alignment with the alphabet's default scoring; use an Aligner to align many pairs. */
export function alignPair(query: string, target: string, options: { mode: AlignMode; alphabet: Alphabet } & AlignOptions): AlignmentMetrics {
  return new Aligner(scoringFor(options.alphabet)).align(query, target, options.mode, options);
}
