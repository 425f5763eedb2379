import type { Classification } from '../classify/read-assignment.ts';
import { featureCounts } from '../export/feature-counts.ts';
import { countTaxa, UNASSIGNED, type TaxonCounts } from '../export/taxon-counts.ts';

/**
 * The feature × sample counts diversity is measured on: taxa (at `rank`, or the full assigned lineages, as the taxon
 * table counts them) or the reads themselves (distinct sequences: ASVs, zotus). Chimeras are left out (artefacts of
 * PCR, not organisms), and in taxa reads named at no rank (they are unknowns, not one taxon); `leftOut` says how many
 * reads (abundance) each removed.
 */
export function diversityTable(
  classification: Classification, options: { features: 'taxa' | 'reads'; rank?: string; chimeras: ReadonlySet<string> },
): { table: TaxonCounts; leftOut: { reads: number; reason: string }[] } {
  const chimeric = classification.reads.filter((read) => options.chimeras.has(read.queryId));
  const kept = { ...classification, reads: classification.reads.filter((read) => !options.chimeras.has(read.queryId)) };
  const leftOut = chimeric.length > 0 ? [{ reads: sum(chimeric), reason: 'chimeras of two references' }] : [];
  if (options.features === 'reads') return { table: featureCounts(kept), leftOut };
  const counts = countTaxa(kept, options.rank);
  const unassigned = counts.rows.find((row) => row.taxon === UNASSIGNED);
  if (unassigned) leftOut.push({ reads: unassigned.total, reason: 'named at no rank' });
  return { table: { samples: counts.samples, rows: counts.rows.filter((row) => row !== unassigned) }, leftOut };
}

const sum = (reads: Classification['reads']): number => reads.reduce((total, read) => total + read.abundance, 0);
