/** Bases in a word: 4^8 = 65,536 codes, small enough to index tables directly. */
export const WORD = 8;
export const WORD_CODES = 1 << (2 * WORD);
const BASE_CODE = new Int8Array(128).fill(-1);
for (const [i, base] of ['A', 'C', 'G', 'T'].entries()) BASE_CODE[base.charCodeAt(0)] = i;

/**
 * Calls `visit` with the 2-bit code of every 8-mer of `sequence` made of A, C, G and T only, and its start: the words
 * that seed the merger's overlap search and index references for the chimera check.
 */
export function forEachWord(sequence: string, visit: (code: number, start: number) => void): void {
  let code = 0;
  let valid = 0;
  for (let i = 0; i < sequence.length; i += 1) {
    const base = BASE_CODE[sequence.charCodeAt(i)] ?? -1;
    if (base < 0) {
      valid = 0;
      continue;
    }
    code = ((code << 2) | base) & (WORD_CODES - 1);
    valid += 1;
    if (valid >= WORD) visit(code, i - WORD + 1);
  }
}
