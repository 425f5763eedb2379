import { z } from 'zod';
import { MAX_READ_ERROR_RATE } from '../read-error-bound.ts';

/** What `format` says in every classifier bundle.json: tells it apart from a model bundle's bundle.json. */
export const BUNDLE_FORMAT = 'seqatlas-classifier';
/** Bumped when a reader of the previous version could misread a new bundle. */
export const BUNDLE_FORMAT_VERSION = 1;

export const MANIFEST_FILE = 'bundle.json';
export const HEAD_FILE = 'head.onnx';
export const LABELS_FILE = 'labels.json';
export const EVALUATION_FILE = 'evaluation.json';

const name = z.string().min(1);
const probability = z.number().min(0).max(1);

const TrainingSettings = z
  .object({
    holdout: z.number().gt(0).lt(1), seed: z.number().int(), epochs: z.number().int().positive(), l2: z.number().positive(),
    /** Errors per base of the noisy reference copies the heads were trained and calibrated on (absent in bundles made before: 0). */
    readErrorRate: z.number().min(0).max(MAX_READ_ERROR_RATE).default(0),
  })
  .strict();
export type TrainingSettings = z.output<typeof TrainingSettings>;

/**
 * bundle.json of a trained classifier bundle: which embedder its head reads (a bundle applied to vectors of
 * another model or version would give confident nonsense, so classify checks all of it), its ranks with their
 * thresholds and temperatures, and where it came from. Strict: an unknown key is an error naming it.
 */
export const ClassifierManifest = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    formatVersion: z.literal(BUNDLE_FORMAT_VERSION),
    embedder: z.object({ model: name, version: name, layer: z.number().int(), dim: z.number().int().positive(), alphabet: z.enum(['dna', 'protein']) }).strict(),
    ranks: z
      .array(
        z
          .object({
            rank: name,
            classes: z.number().int().positive(),
            /** Calls below this calibrated probability are left unassigned (and the ranks below them). */
            minConfidence: probability,
            /** Softmax temperature fitted on the held-out part; already applied inside head.onnx. */
            temperature: z.number().positive(),
          })
          .strict(),
      )
      .min(1),
    /** Cosine distance to the nearest lowest-rank centroid beyond which a read is flagged novel. */
    noveltyDistance: z.number().min(0),
    provenance: z
      .object({
        reference: name,
        /** Labelled references the final head was fitted on. */
        records: z.number().int().positive(),
        created: name,
        seqatlas: name,
        training: TrainingSettings,
      })
      .strict(),
  })
  .strict();
export type ClassifierManifest = z.output<typeof ClassifierManifest>;

export const LabelsFile = z
  .object({
    ranks: z
      .array(
        z
          .object({
            rank: name,
            classes: z.array(z.object({ name, parent: z.number().int().min(-1), lineage: name }).strict()).min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
export type LabelsFile = z.output<typeof LabelsFile>;

/** One line naming the file and the field at fault: `bundle.json field "embedder.version": expected string, …`. */
export function describeIssue(file: string, error: z.ZodError): string {
  const issue = error.issues[0]!;
  if (issue.code === 'unrecognized_keys') return `${file} field "${[...issue.path, issue.keys[0]!].join('.')}": unknown key`;
  return issue.path.length === 0 ? `${file}: ${issue.message}` : `${file} field "${issue.path.join('.')}": ${issue.message}`;
}
