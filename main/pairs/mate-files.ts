import { readSequences } from '../io/read-sequences.ts';
import type { PairedFiles } from './read-pair-files.ts';

/** Illumina's mates share an id; older runs end them in /1 and /2. */
export const mateId = (id: string): string => id.replace(/\/[12]$/, '');

/**
 * Whether a pair of files named as mates holds mates: their first reads share an id. Names alone can mislead
 * (lake_1.fastq and lake_2.fastq may be two lakes); sequencers give a read and its mate the same id.
 */
export async function holdMates(pair: PairedFiles): Promise<boolean> {
  const first = async (path: string) => {
    for await (const event of readSequences(path, { detectDuplicates: false })) return event.kind === 'record' ? event.record.id : null;
    return null;
  };
  const [forward, reverse] = await Promise.all([first(pair.forward), first(pair.reverse)]);
  return forward !== null && reverse !== null && mateId(forward) === mateId(reverse);
}
