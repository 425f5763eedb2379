/**
 * The rows of a read block grouped by identical content. Raw amplicon reads repeat one sequence thousands of times,
 * and identical sequences embed to bit-identical vectors, so each distinct row need be searched only once: with a
 * large reference the search is most of a run. Rows are compared bit for bit (a hash, then equality; with both
 * strands, the reverse complement's row too), so two reads are merged only when every answer about them is the same.
 */
export interface DistinctRows {
  /** The first row of each distinct content, in order of first appearance. */
  first: Int32Array;
  /** For each row: the position of its content in `first`. */
  groupOf: Int32Array;
}

export function distinctRows(vectors: Float32Array, reverse: Float32Array | null, count: number, dim: number): DistinctRows {
  const words = new Uint32Array(vectors.buffer, vectors.byteOffset, count * dim);
  const reverseWords = reverse ? new Uint32Array(reverse.buffer, reverse.byteOffset, count * dim) : null;
  const sameRow = (a: number, b: number) => sameWords(words, a, b, dim) && (!reverseWords || sameWords(reverseWords, a, b, dim));
  const byHash = new Map<number, number[]>();
  const first: number[] = [];
  const groupOf = new Int32Array(count);
  for (let row = 0; row < count; row += 1) {
    const hash = rowHash(words, row, dim, reverseWords ? rowHash(reverseWords, row, dim, 0) : 0);
    const candidates = byHash.get(hash);
    const group = candidates?.find((g) => sameRow(first[g]!, row));
    if (group !== undefined) {
      groupOf[row] = group;
      continue;
    }
    groupOf[row] = first.length;
    if (candidates) candidates.push(first.length);
    else byHash.set(hash, [first.length]);
    first.push(row);
  }
  return { first: Int32Array.from(first), groupOf };
}

/** FNV-1a over a row's 32-bit words (seeded, so a reverse row's hash can be folded in). */
function rowHash(words: Uint32Array, row: number, dim: number, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = row * dim, end = i + dim; i < end; i += 1) hash = Math.imul(hash ^ words[i]!, 0x01000193) >>> 0;
  return hash;
}

function sameWords(words: Uint32Array, a: number, b: number, dim: number): boolean {
  for (let i = 0; i < dim; i += 1) if (words[a * dim + i] !== words[b * dim + i]) return false;
  return true;
}
