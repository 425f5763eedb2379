import { z } from 'zod';

/**
 * bundle.json: everything SeqAtlas needs to run a model folder. Validated strictly (unknown keys are errors) so a
 * typo is reported instead of silently falling back to a default. Parsing fills in the documented defaults, so
 * consumers read `manifest.normalize` etc. without repeating them.
 */

/** Error options for one field: "is required" when absent, otherwise `expected <what>` for any failed check. */
const expected = (what: string) => ({
  error: (issue: { code?: string; input?: unknown }) => (issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : `expected ${what}`),
});

const text = () => z.string(expected('a non-empty string')).min(1, expected('a non-empty string'));
const intBetween = (min: number, max: number) => {
  const options = expected(`an integer from ${min} to ${max}`);
  return z.number(options).int(options).min(min, options).max(max, options);
};
const positiveInt = () => z.number(expected('a positive integer')).int(expected('a positive integer')).positive(expected('a positive integer'));
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, expected(`one of ${values.map((v) => `"${v}"`).join(', ')}`));
const bool = () => z.boolean(expected('true or false'));
/** A file directly inside the bundle folder: no path separators, so a manifest cannot point outside its bundle. */
const bundleFile = () =>
  z.string(expected('a file name inside the bundle folder')).regex(/^(?!\.\.?$)[^/\\]+$/, expected('a file name inside the bundle folder'));

const TokenizerSpec = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('kmer'), k: intBetween(1, 8) }).strict(),
    z.object({ kind: z.literal('nt6'), vocab: bundleFile().optional() }).strict(),
    z.object({ kind: z.literal('char'), vocab: bundleFile().optional() }).strict(),
    z.object({ kind: z.literal('hf'), file: bundleFile() }).strict(),
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union' ? 'expected one of "kmer", "nt6", "char", "hf"' : issue.input === undefined ? 'is required' : 'expected an object such as {"kind": "kmer", "k": 6}',
  },
);

const Layer = z.object({ id: z.number(expected('an integer')).int(expected('an integer')), output: text() }).strict();

const DEFAULT_INPUTS = { ids: 'input_ids', mask: 'attention_mask' as string | null };

export const BundleManifestSchema = z
  .object({
    id: z
      .string(expected('a lowercase slug such as "esm2-t6-8m" (a-z, 0-9, ".", "_", "-"; at most 64 characters)'))
      .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, expected('a lowercase slug such as "esm2-t6-8m" (a-z, 0-9, ".", "_", "-"; at most 64 characters)')),
    name: text(),
    version: z.string(expected('a version such as "1.0.0"')).regex(/^\d+(\.\d+){0,3}([-+][0-9A-Za-z.+-]+)?$/, expected('a version such as "1.0.0"')),
    alphabet: oneOf(['dna', 'protein']),
    tokenizer: TokenizerSpec,
    /** Most tokens per sequence the model accepts, special tokens included. */
    maxTokens: positiveInt(),
    dim: positiveInt(),
    /** Embedding layers the model exports; the first is the default. */
    layers: z.array(Layer, expected('a list of {"id", "output"} layers')).min(1, expected('at least one layer')),
    inputs: z
      .object({ ids: text().default(DEFAULT_INPUTS.ids), mask: text().nullable().default(DEFAULT_INPUTS.mask) }, expected('an object'))
      .strict()
      .default(DEFAULT_INPUTS),
    /** 'none': the model already outputs a pooled [batch, dim] embedding (the bundled k-mer graphs). */
    pooling: oneOf(['mean', 'cls', 'none']),
    /** L2-normalise after pooling. */
    normalize: bool().default(false),
    /** Mean pooling over content tokens only, leaving out <cls>/<eos>. */
    excludeSpecialTokens: bool().default(true),
    batch: z.object({ tokenBudget: positiveInt(), maxBatchSize: positiveInt() }, expected('an object')).strict().optional(),
    /** Sequences longer than maxTokens: 'chunk' embeds every window and averages; 'truncate' keeps the first window. */
    long: oneOf(['chunk', 'truncate']).default('chunk'),
    precision: z.object({ fp16: bundleFile().optional() }, expected('an object')).strict().optional(),
    license: text(),
    provenance: z
      .object(
        {
          source: text(),
          method: text().optional(),
          data: text().optional(),
          script: text().optional(),
          created: text().optional(),
          /** sha256 of model.onnx as built, for audits (not checked on every discovery: models can be gigabytes). */
          sha256: z.string(expected('64 hex digits')).regex(/^[0-9a-f]{64}$/, expected('64 hex digits')).optional(),
          /** How many sequences the weights were fitted on. */
          sequences: text().optional(),
        },
        expected('an object'),
      )
      .strict(),
  }, expected('a JSON object'))
  .strict()
  .superRefine((manifest, context) => {
    const seen = new Set<number>();
    manifest.layers.forEach((layer, index) => {
      if (seen.has(layer.id)) context.addIssue({ code: 'custom', path: ['layers', index, 'id'], message: `duplicate layer id ${layer.id}` });
      seen.add(layer.id);
    });
    // Protein k-mer ids are base-20 numbers stored as int32: 20^8 would overflow.
    if (manifest.tokenizer.kind === 'kmer' && manifest.alphabet === 'protein' && manifest.tokenizer.k > 7) {
      context.addIssue({ code: 'custom', path: ['tokenizer', 'k'], message: 'expected an integer from 1 to 7 for protein k-mers' });
    }
    if (manifest.tokenizer.kind === 'nt6' && manifest.alphabet !== 'dna') {
      context.addIssue({ code: 'custom', path: ['tokenizer', 'kind'], message: '"nt6" tokenizes DNA, but alphabet is "protein"' });
    }
  }, {
    // Cross-field rules only judge a manifest whose fields are each valid: no second message about one mistake.
    when: (payload) => payload.issues.length === 0,
  });

/** A validated manifest with defaults applied. */
export type BundleManifest = z.output<typeof BundleManifestSchema>;
/** What a bundle.json may contain (defaults optional), for code that writes bundles. */
export type BundleManifestInput = z.input<typeof BundleManifestSchema>;

export type ManifestResult = { ok: true; manifest: BundleManifest } | { ok: false; message: string };

/** Validates parsed bundle.json content; on failure, one line naming the field, e.g. `bundle.json field "tokenizer.k": …`. */
export function parseManifest(json: unknown): ManifestResult {
  const parsed = BundleManifestSchema.safeParse(json);
  return parsed.success ? { ok: true, manifest: parsed.data } : { ok: false, message: describeManifestError(parsed.error) };
}

function describeManifestError(error: z.ZodError): string {
  // An unknown key usually explains a "required" error beside it (a misspelt field), so it is reported first.
  const issue = error.issues.find((i) => i.code === 'unrecognized_keys') ?? error.issues[0]!;
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem${error.issues.length > 2 ? 's' : ''})` : '';
  if (issue.code === 'unrecognized_keys') {
    const fields = issue.keys.map((key) => `"${[...issue.path, key].join('.')}"`);
    return `bundle.json ${fields.length > 1 ? 'fields' : 'field'} ${fields.join(', ')}: unknown key${fields.length > 1 ? 's' : ''}${more}`;
  }
  if (issue.path.length === 0) return `bundle.json: ${issue.message}${more}`;
  return `bundle.json field "${issue.path.join('.')}": ${issue.message}${more}`;
}
