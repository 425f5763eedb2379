/**
 * A band of the DP matrix: the cells (query column i, target row j) with lo ≤ j - i ≤ hi, both inclusive. Diagonal
 * d = j - i is target position minus query position, so an ungapped match of query residue q with target residue
 * t lies on diagonal t - q, and an indel moves the alignment from one diagonal to another.
 */
export interface DiagonalBand {
  lo: number;
  hi: number;
}

/**
 * The band the DP actually fills. A global alignment runs from cell (0, 0), diagonal 0, to cell (m, n), diagonal
 * n - m, so both are added; then the band is clipped to the diagonals that exist, -m (cell (m, 0)) to n (cell (0, n)),
 * so that its width never exceeds m + n + 1 whatever the caller passed. A local band is used as given (clipped):
 * a band missing the matrix altogether leaves an empty alignment.
 */
export function fitBand(band: DiagonalBand, m: number, n: number, local: boolean): DiagonalBand {
  let { lo, hi } = band;
  if (!local) {
    lo = Math.min(lo, 0, n - m);
    hi = Math.max(hi, 0, n - m);
  }
  return { lo: Math.max(lo, -m), hi: Math.min(hi, n) };
}

/** Cells with 1 ≤ i ≤ m, 1 ≤ j ≤ n inside the band: the work the banded DP does. */
export function bandCellCount(band: DiagonalBand, m: number, n: number): number {
  let cells = 0;
  for (let j = 1; j <= n; j++) cells += Math.max(0, Math.min(m, j - band.lo) - Math.max(1, j - band.hi) + 1);
  return cells;
}
