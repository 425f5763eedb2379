/** One held-out call of a rank: the head's logits, the class it named and whether that was right. */
export interface ScoredCall {
  logits: Float32Array;
  chosen: number;
  right: boolean;
}

/** Softmax probability of class `chosen` at temperature T. */
export function probabilityAt(logits: Float32Array, chosen: number, temperature: number): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const z of logits) max = Math.max(max, z);
  let sum = 0;
  for (const z of logits) sum += Math.exp((z - max) / temperature);
  return Math.exp((logits[chosen]! - max) / temperature) / sum;
}

const EPSILON = 1e-12;

/** Negative log-likelihood of the calls' right/wrong outcomes when each call's confidence is its probability at T. */
export function outcomeNll(calls: readonly ScoredCall[], temperature: number): number {
  let nll = 0;
  for (const call of calls) {
    const p = probabilityAt(call.logits, call.chosen, temperature);
    nll -= Math.log(call.right ? Math.max(p, EPSILON) : Math.max(1 - p, EPSILON));
  }
  return nll / Math.max(1, calls.length);
}

/** log T is searched over [log 0.01, log 100]: far beyond what a fitted softmax head needs either way. */
const LOG_T_RANGE: [number, number] = [Math.log(0.01), Math.log(100)];
const GRID = 41;

/**
 * Temperature scaling (Guo et al. 2017), one T per rank, fitted on the held-out part by minimising a negative
 * log-likelihood. The likelihood is that of each call being right or wrong under the confidence the classifier
 * reports (the call's probability at T), rather than the textbook likelihood of the true class: held-out reads of
 * a taxon the training part lacks have no true class among the outputs, yet they are exactly the calls whose
 * confidence must come out low, so they have to count. A coarse grid over log T, then golden-section refinement
 * around its best point (the NLL is smooth in log T; the grid guards against a poor start).
 */
export function fitTemperature(calls: readonly ScoredCall[]): number {
  // With only right (or only wrong) calls the likelihood keeps improving as T goes to 0 (or infinity): the held-out
  // part says nothing about the scale, so the head's own is kept.
  if (!calls.some((call) => call.right) || calls.every((call) => call.right)) return 1;
  const [lo, hi] = LOG_T_RANGE;
  const at = (i: number) => lo + ((hi - lo) * i) / (GRID - 1);
  let best = 0;
  let bestNll = Number.POSITIVE_INFINITY;
  for (let i = 0; i < GRID; i += 1) {
    const nll = outcomeNll(calls, Math.exp(at(i)));
    if (nll < bestNll) [best, bestNll] = [i, nll];
  }
  let a = at(Math.max(0, best - 1));
  let b = at(Math.min(GRID - 1, best + 1));
  const ratio = (Math.sqrt(5) - 1) / 2;
  for (let step = 0; step < 40; step += 1) {
    const c = b - ratio * (b - a);
    const d = a + ratio * (b - a);
    if (outcomeNll(calls, Math.exp(c)) <= outcomeNll(calls, Math.exp(d))) b = d;
    else a = c;
  }
  return Math.exp((a + b) / 2);
}
