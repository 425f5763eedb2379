/** What the bundled k-mer embedders are fitted on and how; read by the builder and by the benchmark. */
export interface BundledModelSpec {
  id: string;
  name: string;
  version: string;
  alphabet: 'dna' | 'protein';
  letters: string;
  k: number;
  dim: number;
  projection: 'svd' | 'random';
  method: string;
  training: { file: string; sample?: number; origin: string }[];
}

const METHOD = 'TF-IDF-weighted overlapping k-mer profile projected onto the dominant subspace of the training profiles (truncated SVD), mean over tokens, L2-normalised';

export const bundledModelSpecs: BundledModelSpec[] = [
  {
    id: 'dna-kmer',
    name: 'DNA 6-mer TF-IDF SVD-512 embedder (any barcode marker)',
    version: '1.0.0',
    alphabet: 'dna',
    letters: 'ACGT',
    k: 6,
    dim: 512,
    projection: 'svd',
    method: METHOD,
    // Two markers, bacteria and protists: 16S gold TRAIN half only (the test half stays unseen), SINTAX 16S, 18S-V4.
    training: [
      { file: '16s/gold.train.fasta', origin: 'RDP gold set 16S, train half (Debian microbiomeutil-data, BSD-3)' },
      { file: '16s/ten_16s.100.fa.gz', origin: 'dada2 example 16S (Debian r-bioc-dada2, LGPL-3)' },
      { file: '18s/BioMarKs50k.fsa.gz', sample: 10_000, origin: 'BioMarKs 18S-V4 amplicons (Debian vsearch-examples, BSD-2)' },
    ],
  },
  {
    id: 'protein-kmer',
    name: 'Protein 3-mer TF-IDF random-projection-2048 embedder',
    // 2.0.0: the SVD-512 of 1.0.0 lost homology (GO transfer 1-NN Fmax 0.719 / 0.687 / 0.785 on go-bench MFO / BPO /
    // CCO); a 2,048-D random projection of the same TF-IDF profile keeps it (0.800 / 0.758 / 0.817).
    version: '2.0.0',
    alphabet: 'protein',
    letters: 'ACDEFGHIKLMNPQRSTVWY',
    k: 3,
    dim: 2048,
    projection: 'random',
    method: 'TF-IDF-weighted overlapping k-mer profile (idf from the training sequences) multiplied by a seeded Gaussian random projection, mean over tokens, L2-normalised',
    training: [{ file: 'proteins/uniprot20k.fasta.gz', origin: 'UniProt sample (Debian mmseqs2-examples, GPL-3; UniProt CC-BY 4.0)' }],
  },
];
