import { z } from 'zod';
import { EngineError } from '../shared/engine-error.ts';

const Probability = z.number().min(0).max(1);

/** A rank is named when the name is more likely right than wrong. */
export const DEFAULT_MIN_CONFIDENCE = 0.5;

/**
 * min_confidence of a classify run: one threshold for every rank, or per rank (`{ genus: 0.8, default: 0.5 }`),
 * since ecologists often want a stricter genus or species call than family. `default` covers the ranks not named.
 */
export const MinConfidence = z.union([Probability, z.record(z.string().min(1), Probability)], {
  error: 'expected a number between 0 and 1, or one per rank such as { genus: 0.8, default: 0.5 }',
});
export type MinConfidence = z.output<typeof MinConfidence>;

/**
 * The threshold of each of `ranks`: a number applies to all; a mapping gives its ranks theirs and the others its
 * `default`, else `fallback` (0.5 for the k-NN classifier, a bundle's own threshold per rank). A key naming no rank
 * is an error listing the ranks, so a typo ("genra") is never a silently ignored setting.
 */
export function rankThresholds(ranks: readonly string[], minConfidence: MinConfidence, fallback: (rank: number) => number, subject: string): number[] {
  if (typeof minConfidence === 'number') return ranks.map(() => minConfidence);
  for (const key of Object.keys(minConfidence)) {
    if (key !== 'default' && !ranks.includes(key)) {
      throw new EngineError('invalid_config', `min_confidence.${key}: ${subject} has no rank "${key}" (ranks: ${ranks.join(', ')}; or default)`);
    }
  }
  return ranks.map((rank, r) => minConfidence[rank] ?? minConfidence.default ?? fallback(r));
}

/**
 * The command line's --min-confidence: `0.7` for every rank, or `genus=0.8,species=0.9[,default=0.6]` per rank.
 * Returns null for text that is neither, for the caller to report.
 */
export function parseMinConfidence(text: string): MinConfidence | null {
  const number = (value: string): number | null => (value.trim() !== '' && Probability.safeParse(Number(value)).success ? Number(value) : null);
  if (!text.includes('=')) return number(text);
  const byRank: Record<string, number> = {};
  for (const part of text.split(',')) {
    const [rank, value, extra] = part.split('=');
    const threshold = value === undefined ? null : number(value);
    if (!rank?.trim() || threshold === null || extra !== undefined) return null;
    byRank[rank.trim()] = threshold;
  }
  return byRank;
}
