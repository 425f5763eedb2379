/**
 * A table from ASCII characters to small codes for the seed prefilter's residue encodings: the letters of
 * `groups[code]`, in either case, map to `code`, and every other character to `missing`.
 */
export function letterCodes(groups: readonly string[], missing: number): Uint8Array {
  const table = new Uint8Array(128).fill(missing);
  groups.forEach((letters, code) => {
    for (const letter of letters) {
      table[letter.charCodeAt(0)] = code;
      table[letter.toLowerCase().charCodeAt(0)] = code;
    }
  });
  return table;
}

/** Writes the codes of `sequence` into `out` at `offset`; characters beyond ASCII get `missing` too. */
export function encodeLetters(table: Uint8Array, missing: number, sequence: string, out: Uint8Array, offset: number): void {
  for (let i = 0; i < sequence.length; i++) {
    const c = sequence.charCodeAt(i);
    out[offset + i] = c < 128 ? table[c]! : missing;
  }
}
