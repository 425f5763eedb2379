import { countKmers, kmerLookup } from './kmer-profiles.ts';
import { applyTfIdf, inverseDocumentFrequency } from './tfidf.ts';
import { dominantSubspace, type MatMul } from './dominant-subspace.ts';
import { fillNormal, mulberry32 } from '../onnx/seeded-random.ts';

export interface KmerFitOptions {
  alphabet: string;
  k: number;
  dim: number;
  /**
   * svd: the dominant subspace of the training profiles. random: a seeded Gaussian projection, which preserves
   * every cosine in expectation (Johnson-Lindenstrauss) instead of the directions of largest variance; for proteins
   * the largest variance is amino-acid composition, while homology lives in rare shared k-mers, so the random
   * projection finds nearest homologues markedly better (README, GO-transfer benchmark).
   */
  projection?: 'svd' | 'random';
  iterations?: number;
}

const RANDOM_PROJECTION_SEED = 20_261_122;

export interface KmerFit {
  vocab: number;
  dim: number;
  /** vocab × dim: row v = idf[v] · basis[v, :], the Gather table of the k-mer embedder graph. */
  table: Float32Array;
  sequences: number;
  kmers: number;
}

/**
 * Fits the bundled k-mer embedders: TF-IDF-weighted k-mer profiles, projected onto the dominant subspace of their
 * Gram matrix (a truncated SVD). The graph then computes mean-over-tokens of table rows, which equals
 * (term frequency × idf) · basis, followed by L2 normalisation, so the embedding is exactly the SVD projection of the
 * sequence's TF-IDF profile, computed without ever building the profile at run time.
 */
export async function fitKmerEmbedder(sequences: readonly string[], options: KmerFitOptions, matmul: MatMul, onStep: (step: string) => void = () => undefined): Promise<KmerFit> {
  const base = options.alphabet.length;
  const vocab = base ** options.k;
  const lookup = kmerLookup(options.alphabet);
  const rows = sequences.length;
  onStep(`counting ${options.k}-mers of ${rows} sequences (${vocab} features)`);
  const profiles = new Float32Array(rows * vocab);
  let kmers = 0;
  sequences.forEach((sequence, r) => {
    kmers += countKmers(sequence, options.k, lookup, base, profiles.subarray(r * vocab, (r + 1) * vocab));
  });
  const idf = inverseDocumentFrequency(profiles, rows, vocab);
  if (options.projection === 'random') {
    onStep(`seeded ${options.dim}-dimensional Gaussian projection`);
    const table = fillNormal(new Float32Array(vocab * options.dim), mulberry32(RANDOM_PROJECTION_SEED), 1 / Math.sqrt(options.dim));
    for (let v = 0; v < vocab; v += 1) for (let j = 0; j < options.dim; j += 1) table[v * options.dim + j]! *= idf[v]!;
    return { vocab, dim: options.dim, table, sequences: rows, kmers };
  }
  applyTfIdf(profiles, rows, vocab, idf);
  onStep('Gram matrix');
  const gram = await gramMatrix(profiles, rows, vocab, matmul);
  onStep(`dominant ${options.dim}-dimensional subspace`);
  const basis = await dominantSubspace(gram, vocab, options.dim, matmul, options.iterations ?? 12);
  const table = new Float32Array(vocab * options.dim);
  for (let v = 0; v < vocab; v += 1) {
    for (let j = 0; j < options.dim; j += 1) table[v * options.dim + j] = idf[v]! * basis[v * options.dim + j]!;
  }
  return { vocab, dim: options.dim, table, sequences: rows, kmers };
}

/** XᵀX accumulated over row blocks, so the transposed product never needs the whole matrix at once in onnxruntime. */
async function gramMatrix(x: Float32Array, rows: number, cols: number, matmul: MatMul): Promise<Float32Array> {
  const gram = new Float32Array(cols * cols);
  const block = 2048;
  for (let start = 0; start < rows; start += block) {
    const count = Math.min(block, rows - start);
    const part = x.subarray(start * cols, (start + count) * cols);
    const product = await matmul(part, count, cols, part, cols, true);
    for (let i = 0; i < gram.length; i += 1) gram[i]! += product[i]!;
  }
  return gram;
}
