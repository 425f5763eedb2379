/**
 * Diversity within one sample, from its counts per feature (taxa or distinct sequences), by the usual formulas of
 * ecology (vegan's `diversity`, `estimateR`; scikit-bio's alpha metrics).
 */
export interface AlphaDiversity {
  /** Reads counted. */
  reads: number;
  /** Features seen at least once. */
  observed: number;
  /** Bias-corrected Chao1: observed plus an estimate of those unseen, from the singletons and doubletons. */
  chao1: number;
  /** Shannon's H' (natural logarithm). */
  shannon: number;
  /** Gini–Simpson, 1 − Σ p²: the chance that two reads drawn at random are of different features. */
  simpson: number;
  /** Pielou's evenness, H' / ln(observed); null with fewer than two features. */
  evenness: number | null;
  /** Good's coverage, 1 − singletons / reads: the share of the sample's reads whose feature was seen more than once. */
  goodsCoverage: number | null;
}

export function alphaDiversity(counts: readonly number[]): AlphaDiversity {
  let reads = 0;
  let observed = 0;
  let singletons = 0;
  let doubletons = 0;
  for (const count of counts) {
    if (count <= 0) continue;
    reads += count;
    observed += 1;
    if (count === 1) singletons += 1;
    if (count === 2) doubletons += 1;
  }
  let shannon = 0;
  let squares = 0;
  for (const count of counts) {
    if (count <= 0) continue;
    const p = count / reads;
    shannon -= p * Math.log(p);
    squares += p * p;
  }
  return {
    reads,
    observed,
    chao1: observed + (singletons * (singletons - 1)) / (2 * (doubletons + 1)),
    shannon,
    simpson: reads > 0 ? 1 - squares : 0,
    evenness: observed > 1 ? shannon / Math.log(observed) : null,
    goodsCoverage: reads > 0 ? 1 - singletons / reads : null,
  };
}
