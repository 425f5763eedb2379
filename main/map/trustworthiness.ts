/**
 * Trustworthiness at k (Venna & Kaski 2001; scikit-learn's `trustworthiness`): 1 at best, penalising points that
 * are among a point's k nearest in the map but not in the original space, by how far down the original ranking
 * they are. O(n²·dim): for checking maps of a few thousand points.
 */
export function trustworthiness(original: Float32Array, originalDim: number, mapped: Float32Array, mappedDim: number, n: number, k: number, metric: 'cosine' | 'euclidean'): number {
  if (k >= n / 2) throw new RangeError(`trustworthiness: k (${k}) must be below n / 2 (${n / 2})`);
  const distance = metric === 'cosine' ? cosineDistance : squaredEuclidean;
  const originalRow = new Float64Array(n);
  const mappedRow = new Float64Array(n);
  let penalty = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      originalRow[j] = j === i ? Infinity : distance(original, i, j, originalDim);
      mappedRow[j] = j === i ? Infinity : squaredEuclidean(mapped, i, j, mappedDim);
    }
    const originalNearest = new Set(nearest(originalRow, k));
    for (const j of nearest(mappedRow, k)) {
      if (originalNearest.has(j)) continue;
      let rank = 1;
      for (let x = 0; x < n; x++) if (originalRow[x]! < originalRow[j]! || (originalRow[x] === originalRow[j] && x < j)) rank++;
      penalty += rank - k;
    }
  }
  return 1 - (2 / (n * k * (2 * n - 3 * k - 1))) * penalty;
}

/** Indices of the k smallest values (ties by lower index). */
function nearest(row: Float64Array, k: number): number[] {
  return Array.from(row.keys()).sort((a, b) => row[a]! - row[b]! || a - b).slice(0, k);
}

function squaredEuclidean(data: Float32Array, a: number, b: number, dim: number): number {
  let sum = 0;
  for (let d = 0; d < dim; d++) sum += (data[a * dim + d]! - data[b * dim + d]!) ** 2;
  return sum;
}

function cosineDistance(data: Float32Array, a: number, b: number, dim: number): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let d = 0; d < dim; d++) {
    const x = data[a * dim + d]!;
    const y = data[b * dim + d]!;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na > 0 && nb > 0 ? 1 - dot / Math.sqrt(na * nb) : 1;
}
