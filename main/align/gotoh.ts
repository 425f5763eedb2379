import { MAX_ALIGNMENT_CELLS } from './align-error.ts';
import type { DiagonalBand } from './band.ts';
import type { Scoring } from './scoring.ts';

/**
 * Traceback byte per cell, written by the fill and read by the traceback. Bits 0–1 say where H (best score ending
 * at the cell) came from; bit 2 says whether E (gap in the target, moving along the query) extends the E of the cell
 * to the left rather than opening from its H; bit 3 the same for F (gap in the query, moving along the target).
 */
export const H_DIAGONAL = 0;
export const H_FROM_E = 1;
export const H_FROM_F = 2;
/** Local mode only: the alignment starts at this cell (its best score was the empty alignment's 0). */
export const H_STOP = 3;
export const H_SOURCE = 3;
export const E_EXTENDS = 4;
export const F_EXTENDS = 8;

/** Far below any reachable score, yet far enough above -2^31 that subtracting a gap cost cannot wrap. */
const NEG = -(1 << 29);

/**
 * Where the optimal alignment ends (1-based query column i, target row j) and its score, plus where the fill put
 * each cell's traceback byte: cell (i, j) is at trace[j · rowStep + i + cellOffset].
 */
export interface DpEnd {
  score: number;
  i: number;
  j: number;
  rowStep: number;
  cellOffset: number;
}

/**
 * Gotoh's affine-gap dynamic programming (Gotoh 1982), global (Needleman–Wunsch with end gaps charged) or local
 * (Smith–Waterman). The target runs down the rows and the query along the columns, so the inner loop walks a
 * query profile — the scores of every query residue against the current target residue, laid out contiguously —
 * instead of two-level matrix lookups. Scores live in two Int32Array rows (H of the previous row, updated in place,
 * and F per column); the traceback is one byte per cell. Buffers only ever grow, so an Aligner that has
 * seen its largest pair allocates nothing more.
 *
 * Given a band (already fitted, see fitBand), only cells with lo ≤ j - i ≤ hi are computed and every other cell,
 * boundary cells included, counts as −∞; without one the band is the whole matrix and this is the plain full DP,
 * through the same loop. Each column i is inside the band for one run of rows, i + lo to i + hi, so the two score
 * rows need no clearing between rows: a column still holds its row-0 value (−∞ unless that boundary cell is in the
 * band) when it enters the band, which is exactly what its first cell must read from above.
 */
export class GotohWorkspace {
  private h = new Int32Array(0);
  private f = new Int32Array(0);
  private profile = new Int32Array(0);
  private readonly profileRow = new Int32Array(128);
  trace = new Uint8Array(0);

  fill(query: Uint8Array, m: number, target: Uint8Array, n: number, scoring: Scoring, local: boolean, band?: DiagonalBand): DpEnd {
    const lo = band ? band.lo : -m;
    const hi = band ? band.hi : n;
    const width = Math.max(0, hi - lo + 1);
    // A band narrower than the query keeps only its own cells: row j's cell i at (j - 1) · width + (i - j + hi),
    // so the traceback takes n × width bytes. A wider band gains nothing from that and uses the full m × n layout.
    const narrow = width < m;
    const rowStep = narrow ? width - 1 : m;
    const cellOffset = narrow ? lo - 1 : -m - 1;
    this.reserve(m, n * (narrow ? width : m));
    this.buildProfile(query, m, target, n, scoring.matrix);
    const h = this.h;
    const f = this.f;
    const profile = this.profile;
    const profileRow = this.profileRow;
    const trace = this.trace;
    const extend = scoring.gapExtend;
    const openExtend = scoring.gapOpen + extend;

    // Row 0: nothing of the target consumed. Globally that is a leading gap in the target; locally, empty.
    // Cell (i, 0) lies on diagonal -i.
    for (let i = 0; i <= m; i++) {
      h[i] = -i < lo || -i > hi ? NEG : local || i === 0 ? 0 : -(scoring.gapOpen + extend * i);
      f[i] = NEG;
    }

    let bestScore = 0;
    let bestI = 0;
    let bestJ = 0;
    for (let j = 1; j <= n; j++) {
      const first = Math.max(1, j - hi);
      const last = Math.min(m, j - lo);
      const rowStart = profileRow[target[j - 1]!]!;
      const traceStart = j * rowStep + cellOffset;
      // Column 0, cell (0, j) on diagonal j: nothing of the query consumed, a leading gap in the query globally.
      // When it is outside the band, so is the left neighbour of the row's first cell.
      let hLeft = j < lo || j > hi ? NEG : local ? 0 : -(scoring.gapOpen + extend * j);
      if (first > last) {
        h[0] = hLeft;
        continue;
      }
      let hDiagonal = h[first - 1]!;
      h[0] = hLeft;
      let e = NEG;
      for (let i = first; i <= last; i++) {
        const hUp = h[i]!;
        let bits = H_DIAGONAL;

        const eOpen = hLeft - openExtend;
        e -= extend;
        if (e > eOpen) bits |= E_EXTENDS;
        else e = eOpen;

        let fi = f[i]! - extend;
        const fOpen = hUp - openExtend;
        if (fi > fOpen) bits |= F_EXTENDS;
        else fi = fOpen;
        f[i] = fi;

        // Ties go to the diagonal, then to E: any choice is optimal, but a fixed order makes results reproducible.
        let hi = hDiagonal + profile[rowStart + i]!;
        if (e > hi) {
          hi = e;
          bits |= H_FROM_E;
        }
        if (fi > hi) {
          hi = fi;
          bits = (bits & ~H_SOURCE) | H_FROM_F;
        }
        if (local) {
          if (hi <= 0) {
            hi = 0;
            bits |= H_STOP;
          } else if (hi > bestScore) {
            bestScore = hi;
            bestI = i;
            bestJ = j;
          }
        }
        trace[traceStart + i] = bits;
        hDiagonal = hUp;
        h[i] = hi;
        hLeft = hi;
      }
    }
    if (!local) return { score: h[m]!, i: m, j: n, rowStep, cellOffset };
    return { score: bestScore, i: bestI, j: bestJ, rowStep, cellOffset };
  }

  private reserve(m: number, cells: number): void {
    if (this.h.length < m + 1) {
      this.h = new Int32Array(grow(this.h.length, m + 1));
      this.f = new Int32Array(this.h.length);
    }
    // The cap keeps growth from overshooting the largest traceback a pair may ever need.
    if (this.trace.length < cells) this.trace = new Uint8Array(Math.max(cells, Math.min(grow(this.trace.length, cells), MAX_ALIGNMENT_CELLS)));
  }

  /**
   * One profile row per distinct residue code in the target (a protein uses ~20, so this costs ~20·m, negligible
   * next to m·n). profileRow maps a code to the offset of its row, indexed 1..m like the DP columns.
   */
  private buildProfile(query: Uint8Array, m: number, target: Uint8Array, n: number, matrix: Int8Array): void {
    const profileRow = this.profileRow.fill(-1);
    let rows = 0;
    for (let j = 0; j < n; j++) {
      const code = target[j]!;
      if (profileRow[code] === -1) profileRow[code] = rows++ * (m + 1);
    }
    if (this.profile.length < rows * (m + 1)) this.profile = new Int32Array(grow(this.profile.length, rows * (m + 1)));
    const profile = this.profile;
    for (let code = 0; code < 128; code++) {
      const start = profileRow[code]!;
      if (start === -1) continue;
      for (let i = 1; i <= m; i++) profile[start + i] = matrix[(query[i - 1]! << 7) | code]!;
    }
  }
}

/** Geometric growth, so a stream of slowly lengthening pairs reallocates O(log) times rather than per pair. */
function grow(current: number, needed: number): number {
  return Math.max(needed, Math.ceil(current * 1.5));
}
