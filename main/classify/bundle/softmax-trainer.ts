import type { MatMul } from '../../../native/fit/dominant-subspace.ts';

/** A linear softmax head on raw embeddings: logits = x·W + b, W row-major [dim, classes]. */
export interface LinearHead {
  dim: number;
  classes: number;
  weights: Float32Array;
  bias: Float32Array;
}

export interface SoftmaxTrainOptions {
  /** Ridge penalty on the weights (not the bias), per the mean cross-entropy. */
  l2: number;
  /** Most L-BFGS iterations; each is one full pass (one epoch) over the examples, two in a line search that backtracks. */
  maxIterations: number;
  /** Dense products through onnxruntime: the two [n, dim]×[dim, classes] products are nearly all the work. */
  matmul: MatMul;
}

export interface SoftmaxTrainResult {
  head: LinearHead;
  iterations: number;
  /** Final mean cross-entropy plus penalty. */
  loss: number;
}

/** L-BFGS memory: the usual choice; more barely changes the iterations a convex problem like this needs. */
const HISTORY = 10;
const GRADIENT_TOLERANCE = 1e-5;
const ARMIJO = 1e-4;

/**
 * Fits a multinomial logistic regression (softmax) by full-batch L-BFGS from zero weights, so a fit is a pure
 * function of its inputs: no random initialisation or batch order, hence the same bundle for the same seed.
 * Rows with label -1 are left out. The embeddings are centred and scaled to unit RMS first, which makes the
 * problem much better conditioned (cosine-normalised embeddings share a large common component); the returned
 * head folds that back in, so it applies to the raw embeddings.
 */
export async function trainSoftmax(x: Float32Array, dim: number, labels: Int32Array, classes: number, options: SoftmaxTrainOptions): Promise<SoftmaxTrainResult> {
  const rows: number[] = [];
  labels.forEach((label, i) => {
    if (label >= 0) rows.push(i);
  });
  const n = rows.length;
  const { centred, mean, scale } = standardise(x, dim, rows);
  const y = Int32Array.from(rows, (i) => labels[i]!);
  const size = dim * classes + classes;

  // f(θ) and ∇f(θ), θ = [W (dim × classes), b (classes)].
  const evaluate = async (theta: Float64Array): Promise<{ loss: number; gradient: Float64Array }> => {
    const weights = new Float32Array(theta.subarray(0, dim * classes));
    const logits = await options.matmul(centred, n, dim, weights, classes);
    let loss = 0;
    const residual = new Float32Array(n * classes);
    const gradient = new Float64Array(size);
    for (let i = 0; i < n; i += 1) {
      const row = i * classes;
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < classes; c += 1) max = Math.max(max, logits[row + c]! + theta[dim * classes + c]!);
      let sum = 0;
      for (let c = 0; c < classes; c += 1) sum += Math.exp(logits[row + c]! + theta[dim * classes + c]! - max);
      const logSum = max + Math.log(sum);
      loss -= logits[row + y[i]!]! + theta[dim * classes + y[i]!]! - logSum;
      for (let c = 0; c < classes; c += 1) {
        const p = Math.exp(logits[row + c]! + theta[dim * classes + c]! - logSum) - (c === y[i] ? 1 : 0);
        residual[row + c] = p / n;
        gradient[dim * classes + c]! += p / n;
      }
    }
    const wGradient = await options.matmul(centred, n, dim, residual, classes, true);
    let penalty = 0;
    for (let j = 0; j < dim * classes; j += 1) {
      penalty += theta[j]! * theta[j]!;
      gradient[j] = wGradient[j]! + options.l2 * theta[j]!;
    }
    return { loss: loss / n + 0.5 * options.l2 * penalty, gradient };
  };

  const { theta, iterations, loss } = await minimiseLbfgs(evaluate, new Float64Array(size), options.maxIterations);
  return { head: foldStandardisation(theta, dim, classes, mean, scale), iterations, loss };
}

/** Rows `rows` of x, minus the column means, divided by the overall RMS of what is left. */
function standardise(x: Float32Array, dim: number, rows: readonly number[]): { centred: Float32Array; mean: Float64Array; scale: number } {
  const mean = new Float64Array(dim);
  for (const i of rows) for (let j = 0; j < dim; j += 1) mean[j]! += x[i * dim + j]!;
  for (let j = 0; j < dim; j += 1) mean[j]! /= Math.max(1, rows.length);
  const centred = new Float32Array(rows.length * dim);
  let squares = 0;
  rows.forEach((i, r) => {
    for (let j = 0; j < dim; j += 1) {
      const v = x[i * dim + j]! - mean[j]!;
      centred[r * dim + j] = v;
      squares += v * v;
    }
  });
  // Mean squared norm of a centred row: RMS per row, so that a typical row has unit length.
  const scale = Math.sqrt(squares / Math.max(1, rows.length)) || 1;
  for (let k = 0; k < centred.length; k += 1) centred[k]! /= scale;
  return { centred, mean, scale };
}

/** ((x - mean)/scale)·W + b = x·(W/scale) + (b - mean·W/scale). */
function foldStandardisation(theta: Float64Array, dim: number, classes: number, mean: Float64Array, scale: number): LinearHead {
  const weights = new Float32Array(dim * classes);
  const bias = new Float32Array(classes);
  for (let c = 0; c < classes; c += 1) {
    let shift = 0;
    for (let j = 0; j < dim; j += 1) {
      const w = theta[j * classes + c]! / scale;
      weights[j * classes + c] = w;
      shift += mean[j]! * w;
    }
    bias[c] = theta[dim * classes + c]! - shift;
  }
  return { dim, classes, weights, bias };
}

type Objective = (theta: Float64Array) => Promise<{ loss: number; gradient: Float64Array }>;

/** a + factor·b, a new array (typed-array map with a closure is several times slower in V8). */
function axpy(a: Float64Array, factor: number, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i += 1) out[i] = a[i]! + factor * b[i]!;
  return out;
}

const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i += 1) s += a[i]! * b[i]!;
  return s;
};

/**
 * Limited-memory BFGS (two-loop recursion) with a backtracking Armijo line search. The objective is smooth and
 * strictly convex (L2 > 0), so this converges to the unique optimum without a Wolfe search.
 */
async function minimiseLbfgs(objective: Objective, start: Float64Array, maxIterations: number): Promise<{ theta: Float64Array; iterations: number; loss: number }> {
  let theta = start;
  let { loss, gradient } = await objective(theta);
  const steps: Float64Array[] = [];
  const changes: Float64Array[] = [];
  let iterations = 0;
  while (iterations < maxIterations) {
    let gMax = 0;
    for (const g of gradient) gMax = Math.max(gMax, Math.abs(g));
    if (gMax < GRADIENT_TOLERANCE) break;
    const direction = twoLoopDirection(gradient, steps, changes);
    let slope = dot(direction, gradient);
    if (!(slope < 0)) {
      // Curvature pairs gone stale: restart from steepest descent.
      steps.length = 0;
      changes.length = 0;
      for (let i = 0; i < direction.length; i += 1) direction[i] = -gradient[i]!;
      slope = dot(direction, gradient);
    }
    // The first step has no curvature estimate yet: a unit-length move.
    let step = steps.length === 0 ? 1 / Math.sqrt(dot(gradient, gradient)) : 1;
    let next: { loss: number; gradient: Float64Array } | undefined;
    let candidate = theta;
    for (let tries = 0; tries < 30; tries += 1) {
      candidate = axpy(theta, step, direction);
      next = await objective(candidate);
      if (next.loss <= loss + ARMIJO * step * slope) break;
      step /= 2;
      next = undefined;
    }
    iterations += 1;
    if (!next) break;
    const s = axpy(candidate, -1, theta);
    const change = axpy(next.gradient, -1, gradient);
    if (dot(s, change) > 1e-12) {
      steps.push(s);
      changes.push(change);
      if (steps.length > HISTORY) {
        steps.shift();
        changes.shift();
      }
    }
    const improvement = loss - next.loss;
    theta = candidate;
    ({ loss, gradient } = next);
    if (improvement < 1e-9 * Math.max(1, Math.abs(loss))) break;
  }
  return { theta, iterations, loss };
}

function twoLoopDirection(gradient: Float64Array, steps: readonly Float64Array[], changes: readonly Float64Array[]): Float64Array {
  const q = Float64Array.from(gradient);
  const alphas: number[] = [];
  for (let k = steps.length - 1; k >= 0; k -= 1) {
    const rho = 1 / dot(changes[k]!, steps[k]!);
    const alpha = rho * dot(steps[k]!, q);
    alphas[k] = alpha;
    for (let i = 0; i < q.length; i += 1) q[i]! -= alpha * changes[k]![i]!;
  }
  if (steps.length > 0) {
    const last = steps.length - 1;
    const gamma = dot(steps[last]!, changes[last]!) / dot(changes[last]!, changes[last]!);
    for (let i = 0; i < q.length; i += 1) q[i]! *= gamma;
  }
  for (let k = 0; k < steps.length; k += 1) {
    const rho = 1 / dot(changes[k]!, steps[k]!);
    const beta = rho * dot(changes[k]!, q);
    for (let i = 0; i < q.length; i += 1) q[i]! += (alphas[k]! - beta) * steps[k]![i]!;
  }
  for (let i = 0; i < q.length; i += 1) q[i] = -q[i]!;
  return q;
}

/** logits = x·W + b for `count` rows of raw embeddings. */
export async function headLogits(head: LinearHead, x: Float32Array, count: number, matmul: MatMul): Promise<Float32Array> {
  const logits = await matmul(x, count, head.dim, head.weights, head.classes);
  for (let i = 0; i < count; i += 1) for (let c = 0; c < head.classes; c += 1) logits[i * head.classes + c]! += head.bias[c]!;
  return logits;
}
