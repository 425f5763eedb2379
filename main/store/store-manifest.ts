import { readFile, writeFile, rename } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { EngineError } from '../shared/engine-error.ts';
import { SEQATLAS_VERSION } from '../shared/version.ts';

/**
 * store.json marks a folder as a SeqAtlas store and says which on-disk format wrote it. The format number moves
 * only when a reader of the previous format could misread the store; additions that old readers ignore safely
 * (a new table, a new catalog column with a default) are migrations within the same format.
 */
export const STORE_FORMAT = 1;

const StoreManifest = z.object({
  kind: z.literal('seqatlas-store'),
  format: z.number().int().positive(),
  createdBy: z.string(),
  createdAt: z.string(),
  lastWrittenBy: z.string().optional(),
});
export type StoreManifest = z.infer<typeof StoreManifest>;

export const STORE_MANIFEST_FILE = 'store.json';
/** Ends the name of a manifest being written (`store.json.<pid>-<random>.tmp`). */
export const MANIFEST_TEMP_SUFFIX = '.tmp';

export async function readStoreManifest(dir: string): Promise<StoreManifest | undefined> {
  const path = join(dir, STORE_MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new EngineError('store_missing', `store ${dir}: cannot read ${STORE_MANIFEST_FILE}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new EngineError('store_corrupt', `store ${dir}: ${STORE_MANIFEST_FILE} is not valid JSON (damaged?); restore it or recreate the store`);
  }
  const parsed = StoreManifest.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new EngineError('store_not_a_store', `store ${dir}: ${STORE_MANIFEST_FILE} field "${issue?.path.join('.')}": ${issue?.message}`);
  }
  const manifest = parsed.data;
  if (manifest.format > STORE_FORMAT) {
    throw new EngineError(
      'store_too_new',
      `store ${dir} has format ${manifest.format} (written by SeqAtlas ${manifest.lastWrittenBy ?? manifest.createdBy}); this SeqAtlas ${SEQATLAS_VERSION} reads formats up to ${STORE_FORMAT}: update SeqAtlas to open it`,
    );
  }
  return manifest;
}

export async function writeStoreManifest(dir: string, manifest: StoreManifest): Promise<void> {
  const path = join(dir, STORE_MANIFEST_FILE);
  // Write-then-rename so a pulled drive never leaves a half-written marker that makes the store unreadable. The
  // temporary name is per writer: two processes opening one store (a job and `store info`, or two jobs creating it)
  // must not rename each other's file away.
  const temporary = `${path}.${process.pid}-${randomBytes(4).toString('hex')}${MANIFEST_TEMP_SUFFIX}`;
  await writeFile(temporary, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(temporary, path);
}

export function newStoreManifest(): StoreManifest {
  return { kind: 'seqatlas-store', format: STORE_FORMAT, createdBy: SEQATLAS_VERSION, createdAt: new Date().toISOString(), lastWrittenBy: SEQATLAS_VERSION };
}
