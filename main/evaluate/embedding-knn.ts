import { KnnSearcher, ReferenceMatrix } from '../lookup/index.ts';
import type { EmbeddingBenchmark } from './embedding-benchmark.ts';

const K = 5;

/**
 * Leave-one-out kNN accuracy: each point is classified by its nearest other points (1-NN, and a 5-NN majority
 * vote with ties going to the class of the nearer neighbour), searched exactly on the lookup kernel.
 */
export const knnBenchmark: EmbeddingBenchmark = {
  name: 'knn',
  description: 'leave-one-out 1-NN and 5-NN majority accuracy',
  async run(points, context) {
    if (points.n < 2) return { knn1_accuracy: null, knn5_accuracy: null };
    const searcher = await KnnSearcher.open({ dim: points.dim, metric: points.metric, device: context.device, threads: context.threads });
    try {
      const matrix = ReferenceMatrix.fromRows(points.vectors, points.n, points.dim, points.metric);
      const hits = await searcher.search(matrix, points.vectors, points.n, K, { exclude: (q, ref) => q === ref });
      let right1 = 0;
      let right5 = 0;
      hits.forEach((row, q) => {
        if (points.labels[row[0]!.index] === points.labels[q]) right1++;
        const votes = new Map<number, number>();
        let best = -1;
        let bestVotes = 0;
        for (const hit of row) {
          const label = points.labels[hit.index]!;
          const v = (votes.get(label) ?? 0) + 1;
          votes.set(label, v);
          // Strictly more votes wins; a tie keeps the class reached first, i.e. the nearer neighbour's.
          if (v > bestVotes) { best = label; bestVotes = v; }
        }
        if (best === points.labels[q]) right5++;
      });
      return { knn1_accuracy: right1 / points.n, knn5_accuracy: right5 / points.n };
    } finally {
      await searcher.release();
    }
  },
};
