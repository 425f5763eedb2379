import { z } from 'zod';

const Tokenizer = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('kmer'), k: z.number().int().min(1).max(8) }).strict(),
  z.object({ kind: z.literal('nt6'), vocab: z.string().optional() }).strict(),
  z.object({ kind: z.literal('char'), vocab: z.string().optional() }).strict(),
  z.object({ kind: z.literal('hf'), file: z.string() }).strict(),
]);

/** bundle.json: everything SeqAtlas needs to run a model folder, validated strictly so a typo is an error, not a default. */
export const BundleManifest = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'a lowercase slug: letters, digits, ".", "_" or "-"'),
    name: z.string().min(1),
    version: z.string().min(1),
    alphabet: z.enum(['dna', 'protein']),
    tokenizer: Tokenizer,
    maxTokens: z.number().int().positive(),
    dim: z.number().int().positive(),
    layers: z
      .array(z.object({ id: z.number().int(), output: z.string().min(1) }).strict())
      .min(1)
      .refine((layers) => new Set(layers.map((l) => l.id)).size === layers.length, 'layer ids must be unique'),
    inputs: z.object({ ids: z.string().optional(), mask: z.string().nullable().optional() }).strict().optional(),
    pooling: z.enum(['mean', 'cls', 'none']),
    normalize: z.boolean().optional(),
    excludeSpecialTokens: z.boolean().optional(),
    batch: z.object({ tokenBudget: z.number().int().positive(), maxBatchSize: z.number().int().positive() }).strict().optional(),
    long: z.enum(['chunk', 'truncate']).optional(),
    precision: z.object({ fp16: z.string().optional() }).strict().optional(),
    license: z.string().min(1),
    provenance: z.object({ source: z.string().min(1) }).catchall(z.string()),
  })
  .strict();
export type BundleManifest = z.infer<typeof BundleManifest>;

/** One line naming the field: `bundle.json field "tokenizer.k": …` or the unknown key itself. */
export function describeManifestError(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const path = issue.path.join('.');
  if (issue.code === 'unrecognized_keys') {
    const keys = (issue as { keys: string[] }).keys;
    return `bundle.json${path ? ` field "${path}"` : ''}: unknown key${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')}`;
  }
  return `bundle.json field "${path}": ${issue.message}`;
}
