import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Classification, ReadAssignment } from '../../main/classify/read-assignment.ts';
import { ASSIGNMENTS_FILE, writeAssignments } from '../../main/export/assignments-tsv.ts';

export const RANKS = ['domain', 'phylum', 'class', 'order', 'family', 'genus'];
const BACILLUS = ['Bacteria', 'Firmicutes', 'Bacilli', 'Bacillales', 'Bacillaceae', 'Bacillus'];
const ESCHERICHIA = ['Bacteria', 'Proteobacteria', 'Gammaproteobacteria', 'Enterobacterales', 'Enterobacteriaceae', 'Escherichia'];
const CLOSTRIDIUM = ['Bacteria', 'Firmicutes', 'Clostridia', 'Clostridiales', 'Clostridiaceae', 'Clostridium'];

function read(queryId: string, sample: string, abundance: number, names: string[], assignedRanks: number, extra: Partial<ReadAssignment> = {}): ReadAssignment {
  return {
    queryId, sample, abundance, assignedRanks,
    calls: names.map((name, r) => ({ rank: RANKS[r]!, name, confidence: Number((0.99 - r * 0.07).toFixed(4)) })),
    bestHit: names.length > 0 ? 'ref1' : null, bestDistance: names.length > 0 ? 0.0123456789 : null,
    noveltyScore: 0.4, novel: false, ...extra,
  };
}

/** The reads of test/fixtures/export/reads.fasta with a hand-made classification covering every case. */
export const SAMPLE_CLASSIFICATION: Classification = {
  ranks: RANKS,
  reads: [
    read('r1', 'lake-a', 12, BACILLUS, 6),
    read('r2', 'lake-a', 3, BACILLUS, 6),
    read('r3', 'lake-a', 1, ESCHERICHIA, 3),
    read('r4', 'lake-b', 7, CLOSTRIDIUM, 5, { novel: true, noveltyScore: 1.7 }),
    read('r5', 'lake-b', 2, CLOSTRIDIUM, 6),
    read('r6', 'lake-b', 1, CLOSTRIDIUM, 0),
    read('r7', 'lake-a', 5, [], 0, { novel: true, noveltyScore: 3.25 }),
    read('r8', 'lake-b', 4, BACILLUS, 6),
  ],
};

/** A classify run folder as the classifier writes it: run.json naming the query store and dataset, assignments.tsv. */
export async function writeRunFolder(dir: string, classification: Classification, query: { store: string; datasetId: string } | null): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeAssignments(join(dir, ASSIGNMENTS_FILE), classification);
  await writeFile(join(dir, 'run.json'), JSON.stringify({
    kind: 'classify', finishedAt: '2026-11-22T10:00:00.000Z',
    query: { store: query?.store ?? null, datasetId: query?.datasetId ?? null, file: '/data/reads.fasta' },
    result: { reference: 'gold16s', model: 'dna-kmer', layer: 0 },
  }, null, 2));
  return dir;
}
