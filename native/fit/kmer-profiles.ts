/**
 * Dense k-mer count profiles for fitting the bundled k-mer embedders. Ids follow the k-mer tokenizer
 * (base-|alphabet| number of the k-mer, letters in alphabet order), and k-mers with any other letter are skipped,
 * exactly as at embedding time, so the fitted table rows line up with token ids.
 */
export function kmerLookup(alphabet: string): Int8Array {
  const table = new Int8Array(256).fill(-1);
  for (let i = 0; i < alphabet.length; i += 1) {
    table[alphabet.charCodeAt(i)] = i;
    table[alphabet.toLowerCase().charCodeAt(i)] = i;
  }
  return table;
}

/** Adds the k-mer counts of `sequence` into `row` (length alphabet^k); returns the number of k-mers counted. */
export function countKmers(sequence: string, k: number, lookup: Int8Array, base: number, row: Float32Array): number {
  const modulus = base ** k;
  let code = 0;
  let valid = 0;
  let counted = 0;
  for (let i = 0; i < sequence.length; i += 1) {
    const letter = lookup[sequence.charCodeAt(i) & 0xff]!;
    if (letter < 0) {
      valid = 0;
      code = 0;
      continue;
    }
    code = (code * base + letter) % modulus;
    valid += 1;
    if (valid >= k) {
      row[code]! += 1;
      counted += 1;
    }
  }
  return counted;
}
