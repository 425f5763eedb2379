import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { SEQATLAS_VERSION } from '../shared/version.ts';
import { keptFitsFolder } from '../store/kept-fits.ts';
import type { TaxonomyModel } from './taxonomy-model.ts';

/**
 * The leave-one-out fit of a reference, kept in its store between runs. The fit searches up to 20,000 references
 * against all of them: 17 of the 18.5 s of a run against 50,000 references, minutes against SILVA or MIDORI's millions,
 * the same for every run until the reference changes. A cached fit is used only for exactly what it was fitted on,
 * so it can never calibrate a rebuilt or relabelled reference: the key holds the reference set's dataset and the time
 * its labels were last saved, the model, layer and vector count, the fit's settings and the SeqAtlas version, and
 * FIT_FORMAT, raised whenever the fit itself changes.
 */
const FIT_FORMAT = 1;

export interface FitKey {
  reference: string;
  datasetId: string;
  labelsSavedAt: string;
  model: string;
  layer: number;
  references: number;
  k: number | 'auto';
  maxReferences: number;
  /** Errors per base of the noisy copies the leave-one-out queries were (0: the references themselves). */
  readErrorRate: number;
}

/** JSON has no Infinity: a threshold a rank never reaches is written as null. */
const Threshold = z.number().nullable().transform((t) => t ?? Number.POSITIVE_INFINITY);

const CachedFit = z.object({
  neighbours: z.number().int().positive(),
  k: z.number().int().positive(),
  bandwidth: z.number().positive(),
  ranks: z.array(z.string()),
  calibrators: z.array(z.object({ weights: z.array(z.number()) })),
  thresholds: z.array(Threshold),
  radii: z.array(z.array(z.number())),
  noveltyDistance: z.number().min(0),
});

const fileOf = (storeDir: string, key: FitKey): string => {
  const hash = createHash('sha256').update(JSON.stringify({ ...key, format: FIT_FORMAT, version: SEQATLAS_VERSION })).digest('hex');
  return join(keptFitsFolder(storeDir, key.reference), `${hash.slice(0, 32)}.json`);
};

/** The cached fit for `key`, or undefined when there is none (or it cannot be read: then the run simply refits). */
export async function readCachedFit(storeDir: string, key: FitKey): Promise<TaxonomyModel | undefined> {
  const text = await readFile(fileOf(storeDir, key), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = CachedFit.safeParse(json);
  if (!parsed.success) return undefined;
  return { ...parsed.data, radii: parsed.data.radii.map((r) => Float64Array.from(r)) };
}

/**
 * Keeps a fit for later runs: written to a temporary name and renamed, so a crash or a second run never leaves half
 * a file. A store on a read-only card, or a full one, only loses the saving; the run goes on.
 */
export async function writeCachedFit(storeDir: string, key: FitKey, model: TaxonomyModel): Promise<void> {
  const file = fileOf(storeDir, key);
  const json = JSON.stringify({ ...model, radii: model.radii.map((r) => Array.from(r)), thresholds: model.thresholds.map((t) => (Number.isFinite(t) ? t : null)) });
  try {
    await mkdir(keptFitsFolder(storeDir, key.reference), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, json);
    await rename(temporary, file);
  } catch {
    // Nothing to do: the cache is an optimisation.
  }
}
