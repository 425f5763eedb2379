import type { z } from 'zod';
import type { PrimerPair } from './primer-region.ts';

/** How a file is read into a dataset beyond its bytes: settings that change which records are accepted, or what they hold. */
export interface FileReading {
  removeGaps: boolean;
  region?: z.output<typeof PrimerPair>;
  /** The other strand of every record: how classify compares reads of either orientation (its `strand: both`). */
  reverseComplement?: boolean;
}

export const PLAIN_READING: FileReading = { removeGaps: false };

export const isPlainReading = (reading: FileReading): boolean => !reading.removeGaps && !reading.region && !reading.reverseComplement;

/** The catalog's `datasets.reading` (JSON, or NULL for a plain reading) as a FileReading. */
export function readingFromCatalog(json: string | null | undefined): FileReading {
  return json ? (JSON.parse(json) as FileReading) : PLAIN_READING;
}

/** The reading in the command line's terms, for messages ("with --remove-gaps --primers A,B"). */
export function readingFlags(reading: FileReading): string {
  const flags = [
    ...(reading.removeGaps ? ['--remove-gaps'] : []),
    ...(reading.region ? [`--primers ${reading.region.forward},${reading.region.reverse}${reading.region.maxMismatches === undefined ? '' : ` --primer-mismatches ${reading.region.maxMismatches}`}`] : []),
  ];
  const parts = [...(flags.length > 0 ? [`with ${flags.join(' ')}`] : []), ...(reading.reverseComplement ? ['as the reverse strand (classify --strand both)'] : [])];
  return parts.length > 0 ? parts.join(', ') : 'without --remove-gaps or --primers';
}
