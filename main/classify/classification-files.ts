import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ASSIGNMENTS_FILE, writeAssignments } from '../export/assignments-tsv.ts';
import { distinctReads } from '../export/distinct-reads.ts';
import { countTaxa } from '../export/taxon-counts.ts';
import { formatTaxonTable } from '../export/taxon-table.ts';
import type { ClassifyResult } from './classify-request.ts';
import type { Classification } from './read-assignment.ts';

/** Most abundant assigned taxa listed per rank in summary.json. */
const TOP_TAXA = 20;

/** A run's summary: what a user reads first, and what the UI's overview shows without parsing the TSVs. */
function summarise(classification: Classification, result: ClassifyResult) {
  const { ranks, reads } = classification;
  const distinct = distinctReads(classification);
  const perRank = ranks.map((rank, r) => {
    const abundanceOf = new Map<string, number>();
    for (const read of reads) {
      if (read.assignedRanks <= r) continue;
      const name = read.calls[r]!.name;
      abundanceOf.set(name, (abundanceOf.get(name) ?? 0) + read.abundance);
    }
    const top = [...abundanceOf].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, TOP_TAXA);
    const assigned = distinct.filter((read) => read.assignedRanks > r).length;
    return { rank, assignedReads: assigned, assignedShare: distinct.length > 0 ? assigned / distinct.length : 0, taxa: abundanceOf.size, top: top.map(([name, abundance]) => ({ name, abundance })) };
  });
  const samples = result.samples.map((sample) => {
    const members = reads.filter((read) => read.sample === sample);
    return {
      sample,
      reads: members.length,
      abundance: members.reduce((sum, read) => sum + read.abundance, 0),
      assignedToLowestRank: members.filter((read) => read.assignedRanks === ranks.length).length,
      unassigned: members.filter((read) => read.assignedRanks === 0).length,
      novel: members.filter((read) => read.novel).length,
    };
  });
  return { reference: result.reference, model: result.model, layer: result.layer, reads: result.reads, abundance: result.abundance, novel: result.novel, ranks: perRank, samples, fitted: result.fitted };
}

/** assignments.tsv, taxon_table.tsv and summary.json of a classification run. */
export async function writeClassificationFiles(out: string, classification: Classification, result: ClassifyResult): Promise<void> {
  await writeAssignments(join(out, ASSIGNMENTS_FILE), classification);
  await writeFile(join(out, 'taxon_table.tsv'), formatTaxonTable(countTaxa(classification), 'tsv'));
  await writeFile(join(out, 'summary.json'), `${JSON.stringify(summarise(classification, result), null, 2)}\n`);
}
