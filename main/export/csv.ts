/**
 * One CSV line (RFC 4180): fields holding a comma, quote or line break are quoted, quotes doubled. Numbers are
 * written with up to 6 significant decimals, which keeps files small and is below float32 embedding precision.
 */
export function csvLine(fields: readonly (string | number | null | undefined)[]): string {
  return `${fields.map(csvField).join(',')}\n`;
}

function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One TSV line; tabs and line breaks inside a field become spaces, since TSV has no quoting. */
export function tsvLine(fields: readonly (string | number | null | undefined)[]): string {
  return `${fields.map((f) => (f === null || f === undefined ? '' : typeof f === 'number' ? String(Number.isInteger(f) ? f : Number(f.toPrecision(6))) : f.replace(/[\t\r\n]/g, ' '))).join('\t')}\n`;
}
