import type { EmbeddingBenchmark } from './embedding-benchmark.ts';

/**
 * Mean silhouette of the labels in the embedding space (scikit-learn's definition: a point alone in its class
 * scores 0), with the run's metric: 1 − cos on unit rows, or Euclidean. Undefined (null) for fewer than 2 classes.
 */
export const silhouetteBenchmark: EmbeddingBenchmark = {
  name: 'silhouette',
  description: 'mean silhouette coefficient of the labels',
  async run(points) {
    const { n, dim, vectors, labels, classes, metric } = points;
    if (classes < 2 || n < 3) return { silhouette: null };
    const sizes = new Int32Array(classes);
    for (const label of labels) sizes[label]!++;
    const sums = new Float64Array(classes);
    let total = 0;
    for (let i = 0; i < n; i++) {
      sums.fill(0);
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        let acc = 0;
        if (metric === 'cosine') {
          for (let d = 0; d < dim; d++) acc += vectors[i * dim + d]! * vectors[j * dim + d]!;
          acc = 1 - acc;
        } else {
          for (let d = 0; d < dim; d++) acc += (vectors[i * dim + d]! - vectors[j * dim + d]!) ** 2;
          acc = Math.sqrt(acc);
        }
        sums[labels[j]!] = sums[labels[j]!]! + acc;
      }
      const own = labels[i]!;
      if (sizes[own]! < 2) continue;
      const a = sums[own]! / (sizes[own]! - 1);
      let b = Infinity;
      for (let c = 0; c < classes; c++) if (c !== own && sizes[c]! > 0) b = Math.min(b, sums[c]! / sizes[c]!);
      const s = Math.max(a, b) > 0 ? (b - a) / Math.max(a, b) : 0;
      total += s;
    }
    return { silhouette: total / n };
  },
};
