/**
 * Principal coordinates analysis (classical multidimensional scaling, Gower 1966; vegan's `cmdscale`, scikit-bio's
 * `pcoa`): samples placed in a few dimensions so that their distances there approximate a dissimilarity matrix.
 * The doubly centred matrix −½·J·D²·J is diagonalised by cyclic Jacobi rotations, exact and simple for the tens to
 * hundreds of samples of a study (and no linear-algebra package is needed for one symmetric eigenproblem).
 */
export interface Ordination {
  /** Per sample, its coordinate on each axis kept. */
  coordinates: number[][];
  /** Per axis, the share of the positive eigenvalues' sum it carries (the "variance explained"). */
  explained: number[];
}

export function pcoa(distances: readonly (readonly number[])[], axes = 2): Ordination {
  const n = distances.length;
  if (n === 0) return { coordinates: [], explained: [] };
  const squared = distances.map((row) => row.map((d) => -0.5 * d * d));
  const rowMeans = squared.map((row) => row.reduce((a, b) => a + b, 0) / n);
  const grand = rowMeans.reduce((a, b) => a + b, 0) / n;
  const centred = squared.map((row, i) => row.map((value, j) => value - rowMeans[i]! - rowMeans[j]! + grand));
  const { values, vectors } = symmetricEigen(centred);
  const order = values.map((value, i) => ({ value, i })).sort((a, b) => b.value - a.value);
  const positive = values.filter((value) => value > 0).reduce((a, b) => a + b, 0);
  const kept = order.slice(0, Math.min(axes, n));
  return {
    coordinates: Array.from({ length: n }, (_, s) => kept.map(({ value, i }) => (value > 0 ? vectors[s]![i]! * Math.sqrt(value) : 0))),
    explained: kept.map(({ value }) => (positive > 0 && value > 0 ? value / positive : 0)),
  };
}

/** Eigenvalues and eigenvectors (columns of `vectors`) of a symmetric matrix, by cyclic Jacobi rotations. */
function symmetricEigen(matrix: readonly (readonly number[])[]): { values: number[]; vectors: number[][] } {
  const n = matrix.length;
  const a = matrix.map((row) => [...row]);
  const v: number[][] = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep += 1) {
    let off = 0;
    for (let p = 0; p < n; p += 1) for (let q = p + 1; q < n; q += 1) off += a[p]![q]! ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < n; p += 1) {
      for (let q = p + 1; q < n; q += 1) {
        const apq = a[p]![q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k += 1) {
          const akp = a[k]![p]!;
          const akq = a[k]![q]!;
          a[k]![p] = c * akp - s * akq;
          a[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k += 1) {
          const apk = a[p]![k]!;
          const aqk = a[q]![k]!;
          a[p]![k] = c * apk - s * aqk;
          a[q]![k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k += 1) {
          const vkp = v[k]![p]!;
          const vkq = v[k]![q]!;
          v[k]![p] = c * vkp - s * vkq;
          v[k]![q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: a.map((row, i) => row[i]!), vectors: v };
}
