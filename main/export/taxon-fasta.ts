import type { Classification, ReadAssignment } from '../classify/read-assignment.ts';
import { distinctReads } from './distinct-reads.ts';
import { safeFileName } from './safe-file-name.ts';
import { assignedNames, rankIndex, taxonLabel } from './taxon-counts.ts';

const LINE_WIDTH = 80;
/** A value that can sit inside a `;key=value;` header annotation without breaking it. */
const ANNOTATION_SAFE = /^[^\s;=]+$/;

/**
 * One FASTA record. The header is `>id;size=N;sample=S; lineage`, the USEARCH/vsearch convention that SeqAtlas
 * itself reads back (so an exported taxon can be re-imported with its sample and abundance); an annotation whose
 * value would break that syntax is left out.
 */
export function fastaRecord(read: ReadAssignment, sequence: string): string {
  const size = Number.isInteger(read.abundance) ? `;size=${read.abundance}` : '';
  const sample = ANNOTATION_SAFE.test(read.sample) ? `;sample=${read.sample}` : '';
  const lines = [`>${read.queryId}${size}${sample}; ${taxonLabel(assignedNames(read))}`];
  for (let i = 0; i < sequence.length; i += LINE_WIDTH) lines.push(sequence.slice(i, i + LINE_WIDTH));
  return `${lines.join('\n')}\n`;
}

export interface TaxonReads {
  taxon: string;
  fileName: string;
  reads: ReadAssignment[];
}

/**
 * Reads grouped by their assigned name at `rank`, one group per file (named with safeFileName, so distinct names
 * give distinct files on every platform). Reads not assigned down to that rank belong to no group.
 */
export function readsPerTaxon(classification: Classification, rank: string): { taxa: TaxonReads[]; unassigned: number } {
  const r = rankIndex(classification, rank);
  const groups = new Map<string, ReadAssignment[]>();
  let unassigned = 0;
  for (const read of distinctReads(classification)) {
    if (read.assignedRanks <= r) {
      unassigned += 1;
      continue;
    }
    const name = read.calls[r]!.name;
    const group = groups.get(name);
    if (group) group.push(read);
    else groups.set(name, [read]);
  }
  const taxa = [...groups].map(([taxon, reads]) => ({ taxon, fileName: `${safeFileName(taxon)}.fasta`, reads }));
  return { taxa: taxa.sort((a, b) => (a.fileName < b.fileName ? -1 : 1)), unassigned };
}

export const novelReads = (classification: Classification): ReadAssignment[] => distinctReads(classification).filter((read) => read.novel);
