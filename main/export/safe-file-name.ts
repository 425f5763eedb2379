const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/**
 * A file name for an identifier that is safe on Windows, macOS and Linux and maps distinct ids to distinct
 * names: characters other than letters, digits, `.`, `-` and `_` become `%XX` (so `sp|P12345|X` and `sp_P12345_X`
 * stay apart), and Windows' reserved device names get a leading `_`.
 */
export function safeFileName(id: string): string {
  const escaped = id.replace(/[^A-Za-z0-9._-]/g, (c) => [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
  const name = RESERVED.test(escaped) || escaped.startsWith('.') ? `_${escaped}` : escaped;
  return name.length > 200 ? `${name.slice(0, 180)}~${hash(id)}` : name;
}

/** FNV-1a, to keep over-long names distinct after truncation. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}
