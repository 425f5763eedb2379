import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seededRandom } from '../cluster/synthetic-data.ts';

/**
 * A FASTA of `perGroup` mutants (3% substitutions) of each of three random 400-bp ancestors, and its labels:
 * ancestors 0 and 1 share phylum PA, ancestor 2 is PB; the genus is the ancestor.
 */
export async function writeMutantFamilies(dir: string, perGroup = 20): Promise<{ fasta: string; labels: string; count: number }> {
  const random = seededRandom(17);
  const base = () => 'ACGT'[Math.floor(random() * 4)]!;
  const ancestors = Array.from({ length: 3 }, () => Array.from({ length: 400 }, base).join(''));
  const records: string[] = [];
  const labels: string[] = [];
  ancestors.forEach((ancestor, a) => {
    for (let m = 0; m < perGroup; m++) {
      const sequence = Array.from(ancestor, (c) => (random() < 0.03 ? base() : c)).join('');
      const id = `g${a}_${m}`;
      records.push(`>${id}\n${sequence}\n`);
      labels.push(`${id}\tp__${a < 2 ? 'PA' : 'PB'};g__G${a}\n`);
    }
  });
  const fasta = join(dir, 'families.fasta');
  const labelFile = join(dir, 'families.labels.tsv');
  await writeFile(fasta, records.join(''));
  await writeFile(labelFile, labels.join(''));
  return { fasta, labels: labelFile, count: records.length };
}
