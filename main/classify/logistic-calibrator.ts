/**
 * A small logistic regression, P(correct | features), fitted by Newton's method (iteratively reweighted least
 * squares). Calibration has a handful of features and a few thousand examples, where Newton converges in a few
 * steps to the exact maximum-likelihood fit; a general optimiser library would add a dependency for nothing.
 */
export interface LogisticModel {
  /** Intercept first, then one weight per feature. */
  weights: number[];
}

const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

export function predictLogistic(model: LogisticModel, features: readonly number[]): number {
  let z = model.weights[0]!;
  for (let j = 0; j < features.length; j += 1) z += model.weights[j + 1]! * features[j]!;
  return sigmoid(z);
}

/** Solves A x = b for a small symmetric positive-definite A (Gaussian elimination with partial pivoting). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c += 1) {
    let pivot = c;
    for (let r = c + 1; r < n; r += 1) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    for (let r = c + 1; r < n; r += 1) {
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k += 1) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r -= 1) {
    let s = m[r]![n]!;
    for (let k = r + 1; k < n; k += 1) s -= m[r]![k]! * x[k]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}

/** Penalised negative log-likelihood, the objective the fit minimises. */
function objective(w: readonly number[], rows: readonly (readonly number[])[], outcomes: readonly boolean[], ridge: number): number {
  let loss = 0;
  rows.forEach((row, n) => {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, predictLogistic({ weights: [...w] }, row)));
    loss -= outcomes[n] ? Math.log(p) : Math.log(1 - p);
  });
  for (let j = 1; j < w.length; j += 1) loss += 0.5 * ridge * rows.length * w[j]! * w[j]!;
  return loss;
}

/**
 * Maximum-likelihood fit with a small ridge penalty (not on the intercept), which keeps the fit finite when the
 * examples are perfectly separable, as they can be at high ranks where almost every call is right. Features are
 * standardised for the fit (so one ridge suits features of any scale) and Newton steps are halved until the
 * objective falls, which keeps the iteration from overshooting on nearly separable data.
 */
export function fitLogistic(rows: readonly (readonly number[])[], outcomes: readonly boolean[], ridge = 1e-2, iterations = 50): LogisticModel {
  const features = rows[0]?.length ?? 0;
  const p = features + 1;
  const mean = Array.from({ length: features }, (_, j) => rows.reduce((s, row) => s + row[j]!, 0) / Math.max(1, rows.length));
  const scale = Array.from({ length: features }, (_, j) => {
    const variance = rows.reduce((s, row) => s + (row[j]! - mean[j]!) ** 2, 0) / Math.max(1, rows.length);
    return variance > 1e-12 ? Math.sqrt(variance) : 1;
  });
  const z = rows.map((row) => row.map((x, j) => (x - mean[j]!) / scale[j]!));
  let w = new Array<number>(p).fill(0);
  const positives = outcomes.filter(Boolean).length;
  // Start from the base rate so that a degenerate set (all right or all wrong) still gives its observed rate.
  w[0] = Math.log((positives + 0.5) / (outcomes.length - positives + 0.5));
  let current = objective(w, z, outcomes, ridge);
  for (let iteration = 0; iteration < iterations; iteration += 1) {
    const hessian = Array.from({ length: p }, (_, i) => Array.from({ length: p }, (_, j) => (i === j && i > 0 ? ridge * z.length : 0)));
    const gradient = w.map((wj, j) => (j > 0 ? ridge * z.length * wj : 0));
    z.forEach((row, n) => {
      const x = [1, ...row];
      const prob = predictLogistic({ weights: w }, row);
      const residual = prob - (outcomes[n] ? 1 : 0);
      const curvature = Math.max(prob * (1 - prob), 1e-9);
      for (let i = 0; i < p; i += 1) {
        gradient[i]! += residual * x[i]!;
        for (let j = 0; j < p; j += 1) hessian[i]![j]! += curvature * x[i]! * x[j]!;
      }
    });
    const step = solve(hessian, gradient);
    let size = 1;
    let next = w.map((wj, j) => wj - step[j]!);
    let value = objective(next, z, outcomes, ridge);
    while (!(value <= current) && size > 1e-6) {
      size /= 2;
      next = w.map((wj, j) => wj - size * step[j]!);
      value = objective(next, z, outcomes, ridge);
    }
    if (!(value <= current)) break;
    const converged = current - value < 1e-9 * Math.max(1, current);
    w = next;
    current = value;
    if (converged) break;
  }
  // Back to the raw feature scale, so predictLogistic takes features as they are.
  const weights = [w[0]! - mean.reduce((s, m, j) => s + (w[j + 1]! * m) / scale[j]!, 0), ...scale.map((sd, j) => w[j + 1]! / sd)];
  return { weights };
}

/** Mean log-likelihood of outcomes under a model. */
function meanLogLikelihood(model: LogisticModel, rows: readonly (readonly number[])[], outcomes: readonly boolean[]): number {
  let sum = 0;
  rows.forEach((row, n) => {
    const p = Math.min(1 - 1e-9, Math.max(1e-9, predictLogistic(model, row)));
    sum += outcomes[n] ? Math.log(p) : Math.log(1 - p);
  });
  return sum / Math.max(1, rows.length);
}

/**
 * Chooses the ridge penalty by two-fold cross-validated likelihood, then fits on all examples. At high ranks
 * wrong calls are rare (a few dozen among thousands) and a lightly penalised fit bends around them; at the
 * lowest rank there are enough of both to afford a sharper fit. Cross-validation lets each rank's data decide.
 */
export function fitLogisticCv(rows: readonly (readonly number[])[], outcomes: readonly boolean[], ridges: readonly number[]): LogisticModel & { ridge: number } {
  const folds = [0, 1].map((fold) => ({
    train: rows.map((_, n) => n).filter((n) => n % 2 !== fold),
    test: rows.map((_, n) => n).filter((n) => n % 2 === fold),
  }));
  let best = { ridge: ridges[0]!, score: Number.NEGATIVE_INFINITY };
  for (const ridge of ridges) {
    let score = 0;
    for (const { train, test } of folds) {
      const model = fitLogistic(train.map((n) => rows[n]!), train.map((n) => outcomes[n]!), ridge);
      score += meanLogLikelihood(model, test.map((n) => rows[n]!), test.map((n) => outcomes[n]!));
    }
    if (score > best.score) best = { ridge, score };
  }
  return { ...fitLogistic(rows, outcomes, best.ridge), ridge: best.ridge };
}
