/**
 * Puts the rows of a row-major block in ascending order of `keys`, in place: row i of the result is the row whose
 * key ranks i-th (ties keep their order). Returns the order applied (result row i came from row order[i]), so the
 * caller can reorder its side arrays the same way. In place because the block is a dataset's every vector: sorting
 * a copy would hold two of them at once (a million reads' 512-dimensional vectors are 2 GB).
 */
export function sortRowsInPlace(block: Float32Array, dim: number, keys: ArrayLike<number>): Int32Array {
  const count = keys.length;
  const order = Int32Array.from({ length: count }, (_, i) => i).sort((a, b) => keys[a]! - keys[b]! || a - b);
  // Follow each cycle of the permutation once: the cycle's first row is set aside, every other row moves once.
  const placed = new Uint8Array(count);
  const spare = new Float32Array(dim);
  for (let start = 0; start < count; start += 1) {
    if (placed[start] || order[start] === start) continue;
    spare.set(block.subarray(start * dim, (start + 1) * dim));
    let at = start;
    for (;;) {
      placed[at] = 1;
      const from = order[at]!;
      if (from === start) {
        block.set(spare, at * dim);
        break;
      }
      block.copyWithin(at * dim, from * dim, (from + 1) * dim);
      at = from;
    }
  }
  return order;
}
