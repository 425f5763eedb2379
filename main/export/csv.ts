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

/**
 * The fields of one CSV line as csvLine writes it: quoted fields may hold commas and doubled quotes. Line breaks
 * inside a field are not supported (the files we read back never hold them).
 */
export function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let at = 0;
  while (at <= line.length) {
    if (line[at] === '"') {
      let value = '';
      let i = at + 1;
      for (;;) {
        const quote = line.indexOf('"', i);
        if (quote < 0) throw new SyntaxError(`unterminated quoted field at column ${at + 1}`);
        value += line.slice(i, quote);
        if (line[quote + 1] === '"') {
          value += '"';
          i = quote + 2;
        } else {
          i = quote + 1;
          break;
        }
      }
      fields.push(value);
      at = i + 1;
    } else {
      const comma = line.indexOf(',', at);
      const end = comma < 0 ? line.length : comma;
      fields.push(line.slice(at, end));
      at = end + 1;
    }
  }
  return fields;
}
