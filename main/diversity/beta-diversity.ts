/**
 * Dissimilarity between samples from their counts per feature (rows: features, in each sample's column order).
 * Bray–Curtis on relative abundances, so that samples sequenced to different depths compare by composition (vegan's
 * `vegdist(decostand(x, "total"), "bray")`); Jaccard on presence, the share of features found in one sample only.
 */
export function brayCurtis(a: readonly number[], b: readonly number[]): number {
  const totalA = sum(a);
  const totalB = sum(b);
  if (totalA === 0 || totalB === 0) return totalA === totalB ? 0 : 1;
  let shared = 0;
  for (let i = 0; i < a.length; i += 1) shared += Math.min(a[i]! / totalA, b[i]! / totalB);
  // Each profile sums to 1: BC = 1 − 2·Σ min / (1 + 1).
  return 1 - shared;
}

export function jaccard(a: readonly number[], b: readonly number[]): number {
  let both = 0;
  let either = 0;
  for (let i = 0; i < a.length; i += 1) {
    const inA = a[i]! > 0;
    const inB = b[i]! > 0;
    if (inA && inB) both += 1;
    if (inA || inB) either += 1;
  }
  return either === 0 ? 0 : 1 - both / either;
}

/** The symmetric matrix of `distance` between every two of `profiles`. */
export function distanceMatrix(profiles: readonly (readonly number[])[], distance: (a: readonly number[], b: readonly number[]) => number): number[][] {
  const matrix = profiles.map(() => profiles.map(() => 0));
  for (let i = 0; i < profiles.length; i += 1) {
    for (let j = i + 1; j < profiles.length; j += 1) matrix[i]![j] = matrix[j]![i] = distance(profiles[i]!, profiles[j]!);
  }
  return matrix;
}

const sum = (values: readonly number[]): number => values.reduce((total, value) => total + value, 0);
