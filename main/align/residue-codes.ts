/**
 * Residues as matrix indices. Lower case is folded to upper case so soft-masked input aligns as its letters;
 * codes beyond ASCII become 127, which the matrices score as an unknown residue. Reuses `buffer` when it is long
 * enough, so an Aligner encodes pair after pair without allocating.
 */
export function encodeResidues(sequence: string, buffer: Uint8Array = new Uint8Array(0)): Uint8Array {
  const codes = buffer.length >= sequence.length ? buffer : new Uint8Array(Math.max(sequence.length, buffer.length * 2));
  for (let k = 0; k < sequence.length; k++) {
    const c = sequence.charCodeAt(k);
    codes[k] = c >= 97 && c <= 122 ? c - 32 : c > 127 ? 127 : c;
  }
  return codes;
}
