import { join } from 'node:path';
import { EngineError } from '../../shared/engine-error.ts';
import type { ModelBundle } from '../bundle-registry.ts';
import { CharTokenizer } from './char-tokenizer.ts';
import { HfTokenizer } from './hf-tokenizer.ts';
import { KmerTokenizer } from './kmer-tokenizer.ts';
import { Nt6Tokenizer } from './nt6-tokenizer.ts';
import { TokenizeError, type Tokenizer } from './tokenizer.ts';

/** The tokenizer a bundle's manifest names; a vocabulary or tokenizer.json that cannot be used is an invalid bundle. */
export async function createTokenizer(bundle: ModelBundle): Promise<Tokenizer> {
  try {
    return await loadTokenizer(bundle);
  } catch (error) {
    if (error instanceof TokenizeError) throw new EngineError('invalid_bundle', `bundle ${bundle.dir}: ${error.message}`, { tokenizeCode: error.code });
    throw error;
  }
}

async function loadTokenizer(bundle: ModelBundle): Promise<Tokenizer> {
  const spec = bundle.manifest.tokenizer;
  // The registry resolves tokenizerPath; a bundle assembled by hand still finds the file its manifest names.
  const inBundle = (file: string | undefined) => bundle.tokenizerPath ?? (file === undefined ? undefined : join(bundle.dir, file));
  switch (spec.kind) {
    case 'kmer':
      return new KmerTokenizer({ k: spec.k, alphabet: bundle.manifest.alphabet });
    case 'nt6':
      return Nt6Tokenizer.load(inBundle(spec.vocab));
    case 'char':
      return CharTokenizer.load(inBundle(spec.vocab));
    case 'hf':
      return HfTokenizer.load(inBundle(spec.file)!);
  }
}
