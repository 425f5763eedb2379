import { rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Where classify keeps a reference set's leave-one-out fits (see classify/fit-cache.ts): one folder per set, its name
 * being path-safe, so that saving the set again or deleting it drops them all: none of them can be used after.
 */
export const keptFitsFolder = (storeDir: string, reference: string): string => join(storeDir, 'cache', 'taxonomy-fit', reference);

export async function forgetKeptFits(storeDir: string, reference: string): Promise<void> {
  await rm(keptFitsFolder(storeDir, reference), { recursive: true, force: true });
}
