import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BundleEvaluation } from './bundle-evaluation.ts';
import { ClassifierManifest, EVALUATION_FILE, HEAD_FILE, LABELS_FILE, MANIFEST_FILE, type LabelsFile } from './bundle-manifest.ts';

export interface BundleContents {
  manifest: ClassifierManifest;
  labels: LabelsFile;
  head: Uint8Array;
  evaluation: BundleEvaluation;
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Writes a bundle folder. bundle.json goes last, through a rename: a folder whose writing was interrupted has no
 * bundle.json and is refused as a bundle, never read with a head from one training and labels from another.
 */
export async function writeBundle(dir: string, contents: BundleContents): Promise<void> {
  // Parsing what we are about to write catches a bug here rather than as a refused bundle on another laptop.
  const manifest = ClassifierManifest.parse(contents.manifest);
  await mkdir(dir, { recursive: true });
  // Retraining into the same folder: the old bundle.json goes first, so the folder is never the old manifest over new files.
  await rm(join(dir, MANIFEST_FILE), { force: true });
  await writeFile(join(dir, HEAD_FILE), contents.head);
  await writeFile(join(dir, LABELS_FILE), json(contents.labels));
  await writeFile(join(dir, EVALUATION_FILE), json(contents.evaluation));
  const pending = join(dir, `${MANIFEST_FILE}.partial`);
  await writeFile(pending, json(manifest));
  await rename(pending, join(dir, MANIFEST_FILE));
}
