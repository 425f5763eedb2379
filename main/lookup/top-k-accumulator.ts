/**
 * Keeps the `capacity` smallest distances seen so far for each of `rows` queries, smallest first. The search
 * offers each reference chunk's own top-k here, so the running lists never hold more than capacity entries per
 * query however many chunks stream past. On equal distances the entry offered first stays ahead: chunks arrive
 * in reference order, so ties keep the lower reference index, as a full sort by (distance, index) would.
 */
export class TopKAccumulator {
  private readonly distances: Float64Array;
  private readonly indices: Int32Array;
  private readonly sizes: Int32Array;

  constructor(
    readonly rows: number,
    readonly capacity: number,
  ) {
    this.distances = new Float64Array(rows * capacity);
    this.indices = new Int32Array(rows * capacity);
    this.sizes = new Int32Array(rows);
  }

  offer(row: number, distance: number, index: number): void {
    const base = row * this.capacity;
    const size = this.sizes[row]!;
    if (size === this.capacity && !(distance < this.distances[base + size - 1]!)) return;
    let slot = size === this.capacity ? size - 1 : size;
    while (slot > 0 && this.distances[base + slot - 1]! > distance) {
      this.distances[base + slot] = this.distances[base + slot - 1]!;
      this.indices[base + slot] = this.indices[base + slot - 1]!;
      slot -= 1;
    }
    this.distances[base + slot] = distance;
    this.indices[base + slot] = index;
    if (size < this.capacity) this.sizes[row] = size + 1;
  }

  /** The kept entries of one query, best first. */
  entries(row: number): { index: number; distance: number }[] {
    const base = row * this.capacity;
    return Array.from({ length: this.sizes[row]! }, (_, j) => ({ index: this.indices[base + j]!, distance: this.distances[base + j]! }));
  }
}
