export interface ParsedHeader {
  id: string;
  description: string;
  annotations: Record<string, string>;
  /** From `;size=N`, a positive integer. */
  size?: number;
  /** From `;sample=X`, else `;barcodelabel=X`. */
  sample?: string;
}

/** Why a header is unusable; `id` is set when the id itself was readable (bad annotations). */
export interface HeaderProblem {
  code: 'malformed_record' | 'invalid_annotation';
  detail: string;
  id?: string;
}

const MAX_ID_LENGTH = 1000;
/** C0 and C1 controls and DEL: invisible in a table or a terminal, so an id holding one cannot be looked up by hand. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const ANNOTATION = /^[A-Za-z_][\w.-]*=/;
const POSITIVE_INTEGER = /^[1-9]\d{0,14}$/;

/**
 * Splits a header (without its `>`/`@`) into id, description and `;key=value` annotations, as written by vsearch,
 * USEARCH, SINTAX and dada2 (`AB123;size=12;sample=S1;`). If any `;` part is not key=value, the whole first token
 * is the id: only unambiguous annotations are taken apart.
 */
export function parseHeader(text: string): ParsedHeader | HeaderProblem {
  // No left trim: in '> x' the id is empty (x is description), which is reported rather than guessed at.
  const trimmed = text.trimEnd();
  const space = trimmed.search(/\s/);
  const token = space < 0 ? trimmed : trimmed.slice(0, space);
  const description = space < 0 ? '' : trimmed.slice(space + 1).trim();
  if (token.length === 0) return malformed('empty id in header');
  const control = CONTROL.exec(token);
  if (control) return malformed(`control character ${codePoint(control[0])} in id at position ${control.index + 1}`);
  if (token.length > MAX_ID_LENGTH) return malformed(`id longer than ${MAX_ID_LENGTH} characters (${token.length})`);
  const parts = token.split(';');
  const first = parts[0]!;
  const entries: Array<[string, string]> = [];
  let repeated: string | undefined;
  for (let i = 1; i < parts.length; i += 1) {
    const part = parts[i]!;
    if (part === '') continue;
    if (!ANNOTATION.test(part)) return { id: token, description, annotations: {} };
    const at = part.indexOf('=');
    const key = part.slice(0, at);
    if (entries.some(([seen]) => seen === key)) repeated ??= key;
    entries.push([key, part.slice(at + 1)]);
  }
  if (first === '') return malformed('empty id in header');
  if (repeated !== undefined) return { code: 'invalid_annotation', detail: `annotation '${repeated}' given more than once`, id: first };
  return withAnnotations(first, description, entries);
}

function withAnnotations(id: string, description: string, entries: Array<[string, string]>): ParsedHeader | HeaderProblem {
  // fromEntries defines own properties, so a key such as `__proto__` is kept as data rather than lost.
  const header: ParsedHeader = { id, description, annotations: Object.fromEntries(entries) };
  const { size, sample, barcodelabel } = header.annotations;
  if (size !== undefined) {
    if (!POSITIVE_INTEGER.test(size)) return { code: 'invalid_annotation', detail: `size=${size.slice(0, 40)} is not a positive integer`, id };
    header.size = Number(size);
  }
  if (sample !== undefined || barcodelabel !== undefined) header.sample = sample ?? barcodelabel;
  return header;
}

export function isHeaderProblem(header: ParsedHeader | HeaderProblem): header is HeaderProblem {
  return 'code' in header;
}

function malformed(detail: string): HeaderProblem {
  return { code: 'malformed_record', detail };
}

function codePoint(character: string): string {
  return `U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A header as parseHeader reads it back: the id, its `;key=value` annotations (closed by `;`, as vsearch writes them), then the description. */
export function formatHeader(header: Pick<ParsedHeader, 'id' | 'description' | 'annotations'>): string {
  const annotations = Object.entries(header.annotations).map(([key, value]) => `;${key}=${value}`).join('');
  return `${header.id}${annotations === '' ? '' : `${annotations};`}${header.description === '' ? '' : ` ${header.description}`}`;
}
