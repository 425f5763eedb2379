import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { planBatches } from '../../main/embed/batch-planner.ts';

describe('planBatches', () => {
  it('groups sequences of similar length and respects the token budget', () => {
    const items = [100, 900, 120, 880, 110, 905].map((tokens) => ({ rows: 1, tokens }));
    const batches = planBatches(items, { tokenBudget: 2000, maxBatchSize: 64 });
    expect(batches).toEqual([[0, 4, 2], [3, 1], [5]]);
  });

  it('gives an over-budget sequence a batch of its own', () => {
    const batches = planBatches([{ rows: 1, tokens: 10 }, { rows: 3, tokens: 5000 }], { tokenBudget: 1000, maxBatchSize: 8 });
    expect(batches).toEqual([[0], [1]]);
  });

  it('covers every item exactly once, within limits, deterministically (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ rows: fc.integer({ min: 1, max: 4 }), tokens: fc.integer({ min: 1, max: 3000 }) }), { maxLength: 300 }),
        fc.integer({ min: 1, max: 20000 }),
        fc.integer({ min: 1, max: 64 }),
        (items, tokenBudget, maxBatchSize) => {
          const batches = planBatches(items, { tokenBudget, maxBatchSize });
          const seen = batches.flat().sort((a, b) => a - b);
          expect(seen).toEqual(items.map((_, i) => i));
          for (const batch of batches) {
            if (batch.length === 1) continue;
            const rows = batch.reduce((s, i) => s + items[i]!.rows, 0);
            const longest = Math.max(...batch.map((i) => items[i]!.tokens));
            expect(rows).toBeLessThanOrEqual(maxBatchSize);
            expect(rows * longest).toBeLessThanOrEqual(tokenBudget);
          }
          expect(planBatches(items, { tokenBudget, maxBatchSize })).toEqual(batches);
        },
      ),
    );
  });

  it('pads far less than padding everything to the longest', () => {
    const lengths = Array.from({ length: 1000 }, (_, i) => 200 + ((i * 7919) % 1300));
    const items = lengths.map((tokens) => ({ rows: 1, tokens }));
    const batches = planBatches(items, { tokenBudget: 16384, maxBatchSize: 64 });
    const padded = batches.reduce((s, b) => s + b.length * Math.max(...b.map((i) => lengths[i]!)), 0);
    const real = lengths.reduce((s, n) => s + n, 0);
    expect(padded / real).toBeLessThan(1.1);
  });
});
