import { Aligner, scoringFor } from '../align/index.ts';

/**
 * UNOISE (Edgar 2016), the denoising behind vsearch --cluster_unoise and USEARCH's zotus: unique sequences, most
 * abundant first, are either the error of a more abundant one or true sequences of their own. A sequence d
 * differences from a more abundant centroid is taken as that centroid's error when its abundance is at most
 * β(d) = 1 / 2^(α·d + 1) of the centroid's (α = 2: an eighth at one difference, 1/32 at two, 1/128 at three), since
 * sequencing errors make each extra difference that much rarer. Sequences rarer than minSize are not candidates.
 */
export interface UnoiseSettings {
  alpha: number;
  minSize: number;
}

export const DEFAULT_UNOISE: UnoiseSettings = { alpha: 2, minSize: 8 };

export interface Unique {
  sequence: string;
  size: number;
}

/** Per unique sequence (in the order given), the index of its centroid among them, or -1 below minSize. */
export function unoiseCentroids(uniques: readonly Unique[], settings: UnoiseSettings): Int32Array {
  const centroidOf = new Int32Array(uniques.length).fill(-1);
  const centroids: number[] = [];
  const aligner = new Aligner(scoringFor('dna'));
  uniques.forEach((unique, u) => {
    if (unique.size < settings.minSize) return;
    let parent = u;
    for (const c of centroids) {
      const centroid = uniques[c]!;
      // The most differences at which this pair's abundances still make `unique` an error of `centroid`.
      const most = Math.floor((Math.log2(centroid.size / unique.size) - 1) / settings.alpha);
      if (most < 1) break; // centroids come most abundant first: the rest are rarer still
      if (differences(unique.sequence, centroid.sequence, most, aligner) <= most) {
        parent = c;
        break;
      }
    }
    centroidOf[u] = parent;
    if (parent === u) centroids.push(u);
  });
  return centroidOf;
}

/**
 * Mismatches plus gap columns between two sequences, or any number above `most` once it is clear they exceed it:
 * the same length is compared base by base (stopping early); otherwise, or when that finds too many (an indel
 * shifts the rest), they are aligned end to end in a band just wide enough for `most` indels.
 */
export function differences(a: string, b: string, most: number, aligner: Aligner): number {
  const shift = b.length - a.length;
  if (Math.abs(shift) > most) return most + 1;
  if (shift === 0) {
    let mismatches = 0;
    for (let i = 0; i < a.length && mismatches <= most; i += 1) if (a.charCodeAt(i) !== b.charCodeAt(i)) mismatches += 1;
    if (mismatches <= most) return mismatches;
  }
  const aligned = aligner.align(a, b, 'global', { band: { lo: Math.min(0, shift) - most, hi: Math.max(0, shift) + most } });
  return aligned.alignmentLength - aligned.identities;
}
