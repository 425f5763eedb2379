import type { InputValidation } from '../../../main/api/contract/contract-results.ts';

/**
 * The Import screen's checked files, per store, in localStorage: a reload or a restart keeps the list (and its
 * report) instead of asking for the files again. Only the first issues of each file are kept, so a file with
 * thousands of bad records cannot fill the storage quota; the counts stay exact.
 */
const KEPT_ISSUES = 50;
const key = (store: string) => `seqatlas.importedInputs:${store}`;

export function readImported(store: string | null): InputValidation[] {
  if (!store) return [];
  try {
    const saved = JSON.parse(localStorage.getItem(key(store)) ?? '[]') as unknown;
    if (!Array.isArray(saved)) return [];
    // Lists kept before gap removal existed were validated without it.
    return saved
      .filter((r): r is InputValidation => typeof r?.input === 'string' && typeof r?.summary?.accepted === 'number')
      .map(({ countTable, preparedBy, profile, ...r }) => ({
        ...r, removeGaps: r.removeGaps === true, ...(isCountTable(countTable) ? { countTable } : {}), ...(PREPARED_BY.includes(preparedBy as never) ? { preparedBy } : {}),
        ...(isReadProfile(profile) ? { profile } : {}),
      }));
  } catch {
    return []; // a hand-edited or truncated entry: the files are simply checked again
  }
}

const PREPARED_BY: readonly NonNullable<InputValidation['preparedBy']>[] = ['merge', 'filter', 'denoise'];

/** A kept count table is used only when whole: a path and its samples. */
const isCountTable = (value: unknown): value is NonNullable<InputValidation['countTable']> =>
  typeof (value as { path?: unknown } | undefined)?.path === 'string' && Array.isArray((value as { samples?: unknown }).samples) && (value as { samples: unknown[] }).samples.every((s) => typeof s === 'string');

/** A kept read profile is shown only when whole (lists kept before profiles existed have none). */
const isReadProfile = (value: unknown): value is NonNullable<InputValidation['profile']> => {
  const profile = value as Partial<NonNullable<InputValidation['profile']>> | undefined;
  return typeof profile?.reads === 'number' && typeof profile.bases === 'number' && typeof profile.minLength === 'number' && typeof profile.maxLength === 'number'
    && Array.isArray(profile.lengthCounts) && profile.lengthCounts.every((pair) => Array.isArray(pair) && pair.length === 2 && pair.every((n) => typeof n === 'number'))
    && (profile.expectedErrors === null || typeof profile.expectedErrors === 'number');
};

export function keepImported(store: string | null, inputs: readonly InputValidation[]): void {
  if (!store) return;
  const trimmed = inputs.map((r) => ({ ...r, issues: r.issues.slice(0, KEPT_ISSUES), issuesOmitted: r.issuesOmitted + Math.max(0, r.issues.length - KEPT_ISSUES) }));
  try {
    localStorage.setItem(key(store), JSON.stringify(trimmed));
  } catch {
    // Storage full or disabled: the list still works for this session.
  }
}
