import { parseMinConfidence, type MinConfidence } from '../../../main/classify/rank-thresholds.ts';

/**
 * The Run screen's min_confidence from its two fields: one threshold for every rank (empty: the engine's default,
 * 0.5, or a bundle's own thresholds) and optional per-rank ones in the command line's syntax (`genus=0.8,species=0.9`),
 * which win for the ranks they name. Undefined leaves the choice to the engine; null means the per-rank text does
 * not parse, so there is nothing to run yet.
 */
export function chosenMinConfidence(everyRank: number | '', perRank: string): MinConfidence | undefined | null {
  if (perRank.trim() === '') return everyRank === '' ? undefined : everyRank;
  const parsed = parseMinConfidence(perRank);
  if (parsed === null || typeof parsed === 'number') return null;
  return everyRank === '' ? parsed : { default: everyRank, ...parsed };
}
