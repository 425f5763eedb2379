export const formatCount = (n: number): string => n.toLocaleString('en-US');

/** `part` as a percentage of `whole`, one decimal (0.0% of nothing). */
export const formatPercent = (part: number, whole: number): string => `${((100 * part) / Math.max(1, whole)).toFixed(1)}%`;

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

/** A folder path's last part, for labels (either separator: paths may come from Windows). */
export const lastPart = (path: string): string => path.split(/[\\/]/).filter(Boolean).at(-1) ?? path;

/** Joins a folder and a name with the folder's own separator. */
export const joinPath = (dir: string, name: string): string => {
  const separator = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return dir.endsWith(separator) ? dir + name : dir + separator + name;
};
