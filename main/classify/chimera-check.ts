/**
 * Reference-based chimera detection, after UCHIME (Edgar et al. 2011) in its reference mode: a PCR chimera joins the
 * start of one template to the end of another, so it is explained far better by two references, left and right of
 * a breakpoint, than by any one of them. Here the candidates are a read's nearest references by embedding (a chimera
 * shares half its k-mers with each parent, so both are among them) and each is aligned to the read once; the
 * two-parent model is then a prefix-sum scan over the per-position matches.
 */

export interface ChimeraSettings {
  /** The two-parent model must match at least this share of the read's bases (its parents are in the reference). */
  minIdentity: number;
  /** …and beat the best single reference by at least this share of the read's bases. */
  minGain: number;
  /** Shortest segment taken from either parent, as a share of the read: a few bases at an end are noise, not a join. */
  minSegment: number;
}

export const DEFAULT_CHIMERA: ChimeraSettings = { minIdentity: 0.97, minGain: 0.03, minSegment: 0.15 };

/**
 * The settings for reads with `errorRate` sequencing errors per base: a read's errors lower its match to its parents
 * as much as to any one reference, so the identity asked of the two-parent model drops by the rate, and the gain over
 * the best single reference, which the errors do not change, stays.
 */
export function chimeraSettingsFor(errorRate: number): ChimeraSettings {
  return { ...DEFAULT_CHIMERA, minIdentity: DEFAULT_CHIMERA.minIdentity - errorRate };
}

export interface Chimera {
  /** Indices into the candidates: the left (5') parent and the right (3') one. */
  left: number;
  right: number;
  /** Read position (0-based) where the right parent's segment starts. */
  breakpoint: number;
  /** Share of the read's bases the two-parent model matches, and the best single candidate's share. */
  identity: number;
  bestSingle: number;
  bestSingleIndex: number;
}

/**
 * The best two-parent explanation of a read, if it is a chimera by `settings`. `matches[c]` marks the read's bases
 * that candidate c's alignment pairs with an identical base; `pairable(a, b)` says two candidates can be the two
 * parents (not of one taxon: a mosaic of two references of one genus is variation within it, not a chimera).
 */
export function chimeraOf(matches: readonly Uint8Array[], length: number, settings: ChimeraSettings, pairable: (a: number, b: number) => boolean): Chimera | null {
  if (matches.length < 2 || length === 0) return null;
  const prefix = matches.map((marks) => {
    const sums = new Int32Array(length + 1);
    for (let i = 0; i < length; i += 1) sums[i + 1] = sums[i]! + marks[i]!;
    return sums;
  });
  let bestSingleIndex = 0;
  for (let c = 1; c < prefix.length; c += 1) if (prefix[c]![length]! > prefix[bestSingleIndex]![length]!) bestSingleIndex = c;
  const bestSingle = prefix[bestSingleIndex]![length]!;
  const shortest = Math.max(1, Math.ceil(settings.minSegment * length));
  let best: { left: number; right: number; breakpoint: number; matched: number } | null = null;
  for (let a = 0; a < prefix.length; a += 1) {
    for (let b = 0; b < prefix.length; b += 1) {
      if (a === b || !pairable(a, b)) continue;
      const left = prefix[a]!;
      const right = prefix[b]!;
      for (let k = shortest; k <= length - shortest; k += 1) {
        const matched = left[k]! + right[length]! - right[k]!;
        if (!best || matched > best.matched) best = { left: a, right: b, breakpoint: k, matched };
      }
    }
  }
  if (!best) return null;
  const identity = best.matched / length;
  const single = bestSingle / length;
  if (identity < settings.minIdentity || identity - single < settings.minGain) return null;
  return { left: best.left, right: best.right, breakpoint: best.breakpoint, identity, bestSingle: single, bestSingleIndex };
}
