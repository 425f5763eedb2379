import { describe, expect, it } from 'vitest';
import { pairReadFiles } from '../../main/pairs/read-pair-files.ts';

describe('pairing read files by name', () => {
  it('pairs the names sequencers write, lanes apart, and leaves files without a mate alone', () => {
    const { pairs, single } = pairReadFiles([
      '/run/Pond-3_S1_L001_R1_001.fastq.gz', '/run/Pond-3_S1_L001_R2_001.fastq.gz', '/run/Pond-3_S1_L002_R1_001.fastq.gz', '/run/Pond-3_S1_L002_R2_001.fastq.gz',
      'C:\\field\\site_1.fq', 'C:\\field\\site_2.fq', '/sra/SRR123.R1.fastq', '/sra/SRR123.R2.fastq',
      '/a/reads_R1.fastq', '/b/reads_R2.fastq', '/run/site_12.fq', '/run/Undetermined_S0_L001_R1_001.fastq.gz', '/run/merged.fasta', '/fa/lake_1.fasta', '/fa/lake_2.fasta',
    ]);
    expect(pairs).toEqual([
      { sample: 'Pond-3', forward: '/run/Pond-3_S1_L001_R1_001.fastq.gz', reverse: '/run/Pond-3_S1_L001_R2_001.fastq.gz' },
      { sample: 'Pond-3', forward: '/run/Pond-3_S1_L002_R1_001.fastq.gz', reverse: '/run/Pond-3_S1_L002_R2_001.fastq.gz' },
      { sample: 'site', forward: 'C:\\field\\site_1.fq', reverse: 'C:\\field\\site_2.fq' },
      { sample: 'SRR123', forward: '/sra/SRR123.R1.fastq', reverse: '/sra/SRR123.R2.fastq' },
    ]);
    // Mates live in one folder, and in FASTQ; a name with no read number, or with no mate, is a single-read file.
    expect(single.sort()).toEqual(['/a/reads_R1.fastq', '/b/reads_R2.fastq', '/fa/lake_1.fasta', '/fa/lake_2.fasta', '/run/Undetermined_S0_L001_R1_001.fastq.gz', '/run/merged.fasta', '/run/site_12.fq']);
  });

  it('names a sample found in two folders by its folder, and keeps the lanes of one folder together', () => {
    const { pairs } = pairReadFiles([
      '/runs/run7/Pond_S1_L001_R1_001.fastq.gz', '/runs/run7/Pond_S1_L001_R2_001.fastq.gz', '/runs/run7/Pond_S1_L002_R1_001.fastq.gz', '/runs/run7/Pond_S1_L002_R2_001.fastq.gz',
      'D:\\runs\\run8\\Pond_S1_L001_R1_001.fastq.gz', 'D:\\runs\\run8\\Pond_S1_L001_R2_001.fastq.gz', '/runs/run8/Lake_R1.fq', '/runs/run8/Lake_R2.fq',
    ]);
    expect(pairs.map((p) => [p.sample, p.forward])).toEqual([
      ['run7_Pond', '/runs/run7/Pond_S1_L001_R1_001.fastq.gz'],
      ['run7_Pond', '/runs/run7/Pond_S1_L002_R1_001.fastq.gz'],
      ['run8_Pond', 'D:\\runs\\run8\\Pond_S1_L001_R1_001.fastq.gz'],
      ['Lake', '/runs/run8/Lake_R1.fq'],
    ]);
  });
});
