/** One sequence as the planner sees it: how many model rows it needs (chunks) and their padded token length. */
export interface PlanItem {
  rows: number;
  tokens: number;
}

export interface BatchLimits {
  /** Most padded tokens (rows × longest row) one batch may hold: bounds memory and keeps GPU kernels full. */
  tokenBudget: number;
  /** Most rows per batch, whatever their length. */
  maxBatchSize: number;
}

/** The limits a request asked for, else the bundle's own (bundle.json `batch`), else these defaults. */
export function batchLimitsFor(bundleBatch: Partial<BatchLimits> | undefined, asked: Partial<BatchLimits> = {}): BatchLimits {
  return { tokenBudget: asked.tokenBudget ?? bundleBatch?.tokenBudget ?? 65_536, maxBatchSize: asked.maxBatchSize ?? bundleBatch?.maxBatchSize ?? 256 };
}

/**
 * Length-bucketed dynamic batching: sort by length, then fill each batch greedily while rows × longest stays within
 * the token budget. Padding is then only the difference between neighbours in length, instead of padding every
 * sequence to the model's maximum. Deterministic for the same items and limits, which is what makes resume exact:
 * a resumed job plans the same batches and skips the ones already committed.
 * Returns batches as lists of item indices; an item too long for the budget alone gets a batch of its own.
 */
export function planBatches(items: readonly PlanItem[], limits: BatchLimits): number[][] {
  const order = items.map((_, index) => index).sort((a, b) => items[a]!.tokens - items[b]!.tokens || a - b);
  const batches: number[][] = [];
  let current: number[] = [];
  let rows = 0;
  for (const index of order) {
    const item = items[index]!;
    // Sorted ascending, so this item is the longest in the batch if it joins.
    const fits = rows + item.rows <= limits.maxBatchSize && (rows + item.rows) * item.tokens <= limits.tokenBudget;
    if (!fits && current.length > 0) {
      batches.push(current);
      current = [];
      rows = 0;
    }
    current.push(index);
    rows += item.rows;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
