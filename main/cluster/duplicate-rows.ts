/**
 * A warning line when some rows repeat another row exactly (or null). Duplicates are legal (dereplication may have
 * been skipped) but they pile up at zero distance, and all-identical input has no structure to map at all.
 * Rows are bucketed by a hash of their bits and compared exactly within a bucket, so no per-row key is built.
 */
export function describeDuplicates(vectors: Float32Array, n: number, dim: number): string | null {
  const bits = new Uint32Array(vectors.buffer, vectors.byteOffset, vectors.length);
  const buckets = new Map<number, number[]>();
  let repeats = 0;
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    let hash = 0x811c9dc5;
    for (let d = 0; d < dim; d++) hash = Math.imul(hash ^ bits[i * dim + d]!, 0x01000193);
    const bucket = buckets.get(hash);
    if (bucket?.some((j) => sameRow(bits, i, j, dim))) {
      repeats++;
      continue;
    }
    distinct++;
    if (bucket) bucket.push(i);
    else buckets.set(hash, [i]);
  }
  if (repeats === 0) return null;
  if (distinct === 1) return `all ${n} vectors are identical: the map and the clusters carry no information`;
  return `${repeats} of ${n} vectors repeat an earlier vector exactly; they are kept (dereplicate the reads to drop them)`;
}

function sameRow(bits: Uint32Array, a: number, b: number, dim: number): boolean {
  for (let d = 0; d < dim; d++) if (bits[a * dim + d] !== bits[b * dim + d]) return false;
  return true;
}
