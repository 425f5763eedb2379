export interface ParsedHeader {
  id: string;
  description: string;
  annotations: Record<string, string>;
}

const MAX_ID_LENGTH = 1000;

/**
 * Splits a header (without its `>`/`@`) into id, description and `;key=value` annotations, as written by vsearch,
 * USEARCH, SINTAX and dada2 (`AB123;size=12;sample=S1;`). If any `;` part is not key=value, the whole first token
 * is the id: only unambiguous annotations are taken apart. Returns a reason string when the header is unusable.
 */
export function parseHeader(text: string): ParsedHeader | string {
  // No left trim: in '> x' the id is empty (x is description), which is reported rather than guessed at.
  const trimmed = text.trimEnd();
  const space = trimmed.search(/\s/);
  const token = space < 0 ? trimmed : trimmed.slice(0, space);
  const description = space < 0 ? '' : trimmed.slice(space + 1).trim();
  if (token.length === 0) return 'empty id in header';
  if (/[\u0000-\u001f\u007f]/.test(token)) return 'control character in id';
  if (token.length > MAX_ID_LENGTH) return `id longer than ${MAX_ID_LENGTH} characters (${token.length})`;
  const parts = token.split(';');
  const annotations: Record<string, string> = {};
  const rest = parts.slice(1).filter((p) => p !== '');
  if (rest.every((p) => /^[A-Za-z_][\w.-]*=/.test(p))) {
    for (const part of rest) {
      const at = part.indexOf('=');
      annotations[part.slice(0, at)] = part.slice(at + 1);
    }
    if (parts[0] === '') return 'empty id in header';
    return { id: parts[0]!, description, annotations };
  }
  return { id: token, description, annotations };
}
