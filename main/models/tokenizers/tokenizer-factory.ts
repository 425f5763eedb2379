import type { ModelBundle } from '../bundle-registry.ts';
import { CharTokenizer } from './char-tokenizer.ts';
import { HfTokenizer } from './hf-tokenizer.ts';
import { DNA_LETTERS, KmerTokenizer, PROTEIN_LETTERS } from './kmer-tokenizer.ts';
import { Nt6Tokenizer } from './nt6-tokenizer.ts';
import type { Tokenizer } from './tokenizer.ts';

export async function createTokenizer(bundle: ModelBundle): Promise<Tokenizer> {
  const spec = bundle.manifest.tokenizer;
  switch (spec.kind) {
    case 'kmer':
      return new KmerTokenizer(spec.k, bundle.manifest.alphabet === 'dna' ? DNA_LETTERS : PROTEIN_LETTERS);
    case 'nt6':
      return Nt6Tokenizer.load(bundle.tokenizerPath);
    case 'char':
      return CharTokenizer.load(bundle.tokenizerPath);
    case 'hf':
      return HfTokenizer.load(bundle.tokenizerPath!);
  }
}
