import type { AlignMode, AlignmentMetrics, DiagonalBand, Scoring } from '../../main/align/index.ts';

/**
 * A deliberately plain Gotoh for cross-checking: full H/E/F matrices of plain numbers, a traceback that re-derives
 * each step from the stored values, and metrics computed from the explicit list of columns. It breaks ties the way
 * the documented rules say (H: diagonal, then E, then F; gaps: open before extend; local end: first maximum scanning
 * target rows then query columns), so whole metric objects can be compared, not only scores.
 *
 * With a band, cells (boundary ones included) with j - i outside it stay −∞; a global band first gets diagonals 0 and
 * n - m added, as the contract says.
 */
export function referenceAlign(query: string, target: string, mode: AlignMode, scoring: Scoring, band?: DiagonalBand): AlignmentMetrics {
  const m = query.length;
  const n = target.length;
  const local = mode === 'local';
  const o = scoring.gapOpen;
  const e = scoring.gapExtend;
  const s = (i: number, j: number): number => score(scoring, query[i - 1]!, target[j - 1]!);
  const NEG = -1e9;
  const H: number[][] = [];
  const E: number[][] = [];
  const F: number[][] = [];
  for (let j = 0; j <= n; j++) {
    H.push(new Array<number>(m + 1).fill(NEG));
    E.push(new Array<number>(m + 1).fill(NEG));
    F.push(new Array<number>(m + 1).fill(NEG));
  }
  const lo = band ? (local ? band.lo : Math.min(band.lo, 0, n - m)) : -Infinity;
  const hi = band ? (local ? band.hi : Math.max(band.hi, 0, n - m)) : Infinity;
  const inBand = (i: number, j: number): boolean => j - i >= lo && j - i <= hi;
  if (inBand(0, 0)) H[0]![0] = 0;
  for (let i = 1; i <= m; i++) if (inBand(i, 0)) H[0]![i] = local ? 0 : -(o + e * i);
  for (let j = 1; j <= n; j++) if (inBand(0, j)) H[j]![0] = local ? 0 : -(o + e * j);
  let best = 0;
  let bestI = 0;
  let bestJ = 0;
  for (let j = 1; j <= n; j++) {
    for (let i = 1; i <= m; i++) {
      if (!inBand(i, j)) continue;
      E[j]![i] = Math.max(H[j]![i - 1]! - o - e, E[j]![i - 1]! - e);
      F[j]![i] = Math.max(H[j - 1]![i]! - o - e, F[j - 1]![i]! - e);
      let h = Math.max(H[j - 1]![i - 1]! + s(i, j), E[j]![i]!, F[j]![i]!);
      if (local) h = Math.max(h, 0);
      H[j]![i] = h;
      if (local && h > best) {
        best = h;
        bestI = i;
        bestJ = j;
      }
    }
  }

  // Columns as [query char or '-', target char or '-'], built backwards.
  const columns: [string, string][] = [];
  let i = local ? bestI : m;
  let j = local ? bestJ : n;
  let state: 'H' | 'E' | 'F' = 'H';
  let qFirst = 0;
  let qLast = 0;
  let tFirst = 0;
  let tLast = 0;
  for (;;) {
    if (state === 'H') {
      if (i === 0 && j === 0) break;
      if (local && H[j]![i] === 0) break;
      if (i === 0) {
        for (; j > 0; j--) columns.push(['-', target[j - 1]!]);
        break;
      }
      if (j === 0) {
        for (; i > 0; i--) columns.push([query[i - 1]!, '-']);
        break;
      }
      const h = H[j]![i]!;
      if (h === H[j - 1]![i - 1]! + s(i, j)) {
        columns.push([query[i - 1]!, target[j - 1]!]);
        if (qLast === 0) [qLast, tLast] = [i, j];
        [qFirst, tFirst] = [i, j];
        i--;
        j--;
      } else if (h === E[j]![i]) state = 'E';
      else state = 'F';
    } else if (state === 'E') {
      columns.push([query[i - 1]!, '-']);
      if (E[j]![i] === H[j]![i - 1]! - o - e) state = 'H';
      i--;
    } else {
      columns.push(['-', target[j - 1]!]);
      if (F[j]![i] === H[j - 1]![i]! - o - e) state = 'H';
      j--;
    }
  }
  columns.reverse();

  const length = columns.length;
  let identities = 0;
  let positives = 0;
  let gaps = 0;
  let gapOpenings = 0;
  let previous = 'pair';
  for (const [a, b] of columns) {
    const kind = a === '-' ? 'queryGap' : b === '-' ? 'targetGap' : 'pair';
    if (kind === 'pair') {
      const value = score(scoring, a, b);
      if (value > 0) positives++;
      if (value > 0 && a === b) identities++;
    } else {
      gaps++;
      if (kind !== previous) gapOpenings++;
    }
    previous = kind;
  }
  const paired = qLast > 0;
  return {
    mode,
    score: length === 0 ? 0 : local ? best : H[n]![m]!,
    identity: length === 0 ? 0 : identities / length,
    similarity: length === 0 ? 0 : positives / length,
    identities,
    positives,
    gaps,
    gapOpenings,
    alignmentLength: length,
    queryStart: qFirst,
    queryEnd: qLast,
    targetStart: tFirst,
    targetEnd: tLast,
    queryCoverage: paired ? (qLast - qFirst + 1) / m : 0,
    targetCoverage: paired ? (tLast - tFirst + 1) / n : 0,
  };
}

export function score(scoring: Scoring, a: string, b: string): number {
  return scoring.matrix[(a.charCodeAt(0) << 7) | b.charCodeAt(0)]!;
}
