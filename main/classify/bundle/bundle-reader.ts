import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { z } from 'zod';
import { EngineError } from '../../shared/engine-error.ts';
import { ClassifierManifest, describeIssue, HEAD_FILE, LABELS_FILE, LabelsFile, MANIFEST_FILE } from './bundle-manifest.ts';
import type { HeadLabels } from './top-down.ts';

/** A bundle as classify uses it: validated manifest, label map and the head graph's bytes. */
export interface ClassifierBundle {
  dir: string;
  manifest: ClassifierManifest;
  labels: HeadLabels;
  head: Uint8Array;
}

const invalid = (message: string) => new EngineError('invalid_bundle', message);

async function readBundleFile(path: string): Promise<Buffer> {
  return readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw invalid(error.code === 'ENOENT' ? `${path} is missing: not a classifier bundle (make one with seqatlas train)` : `${path} cannot be read (${error.code ?? error.message})`);
  });
}

async function readJson<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> {
  let value: unknown;
  try {
    value = JSON.parse((await readBundleFile(path)).toString('utf8'));
  } catch (error) {
    if (error instanceof EngineError) throw error;
    throw invalid(`${path}: not valid JSON (${(error as Error).message.split('\n')[0]})`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalid(describeIssue(path, parsed.error));
  return parsed.data;
}

/** A bundle folder's checked bundle.json alone: enough to list bundles without loading their heads. */
export function readBundleManifest(folder: string): Promise<ClassifierManifest> {
  return readJson(join(resolve(folder), MANIFEST_FILE), ClassifierManifest);
}

/**
 * Reads and checks a bundle folder: every file present and valid, and labels.json agreeing with bundle.json
 * (same ranks, same class counts, parents that exist), so a bundle assembled from two trainings is refused.
 */
export async function readBundle(folder: string): Promise<ClassifierBundle> {
  const dir = resolve(folder);
  const manifestPath = join(dir, MANIFEST_FILE);
  const labelsPath = join(dir, LABELS_FILE);
  const manifest = await readJson(manifestPath, ClassifierManifest);
  const labels = await readJson(labelsPath, LabelsFile);
  if (labels.ranks.length !== manifest.ranks.length) throw invalid(`${labelsPath} field "ranks": ${labels.ranks.length} ranks, ${MANIFEST_FILE} has ${manifest.ranks.length}`);
  labels.ranks.forEach((rank, r) => {
    const expected = manifest.ranks[r]!;
    if (rank.rank !== expected.rank) throw invalid(`${labelsPath} field "ranks.${r}.rank": "${rank.rank}", ${MANIFEST_FILE} has "${expected.rank}"`);
    if (rank.classes.length !== expected.classes) throw invalid(`${labelsPath} field "ranks.${r}.classes": ${rank.classes.length} classes, ${MANIFEST_FILE} has ${expected.classes}`);
    const parents = r === 0 ? 0 : labels.ranks[r - 1]!.classes.length;
    rank.classes.forEach((cls, c) => {
      if (r === 0 ? cls.parent !== -1 : cls.parent < 0 || cls.parent >= parents) throw invalid(`${labelsPath} field "ranks.${r}.classes.${c}.parent": ${cls.parent} is not a class of the rank above`);
    });
  });
  const head = await readBundleFile(join(dir, HEAD_FILE));
  return { dir, manifest, labels: { ranks: labels.ranks.map((r) => r.rank), classes: labels.ranks.map((r) => r.classes) }, head };
}
