import { describe, expect, it } from 'vitest';
import { sampleNamesOfFiles } from '../../main/io/sequence-file-names.ts';

describe('sampleNamesOfFiles', () => {
  it('names a file’s sample by its name, with its folder where two files share one', () => {
    expect(sampleNamesOfFiles(['/d/pond.fastq.gz', '/d/river.fa', 'C:\\runs\\lake.FASTQ'])).toEqual(['pond', 'river', 'lake']);
    expect(sampleNamesOfFiles(['/d/lane1/reads.fq', '/d/lane2/reads.fq', '/d/other.fq'])).toEqual(['lane1_reads', 'lane2_reads', 'other']);
  });

  it('gathers MinKNOW chunk files by barcode (failed reads apart), by flow cell when unbarcoded, by run and barcode across runs', () => {
    const run = '/minion/fastq_pass';
    expect(sampleNamesOfFiles([
      `${run}/barcode01/FAW12345_pass_barcode01_6b5e4d3c_0a1b2c3d_0.fastq.gz`,
      `${run}/barcode01/FAW12345_pass_barcode01_6b5e4d3c_0a1b2c3d_1.fastq.gz`,
      `${run}/barcode02/FAW12345_pass_barcode02_6b5e4d3c_0a1b2c3d_0.fastq.gz`,
      '/minion/fastq_fail/barcode02/FAW12345_fail_barcode02_6b5e4d3c_0a1b2c3d_0.fastq.gz',
      `${run}/unclassified/FAW12345_pass_unclassified_6b5e4d3c_0a1b2c3d_0.fastq.gz`,
      // A sample-sheet alias instead of the barcode; a Guppy-era name with one run id.
      `${run}/pond_3/FAW12345_pass_pond_3_6b5e4d3c_0a1b2c3d_7.fastq.gz`,
    ])).toEqual(['barcode01', 'barcode01', 'barcode02', 'barcode02_fail', 'unclassified', 'pond_3']);
    expect(sampleNamesOfFiles(['/r/FAQ12345_pass_6b5e4d3c_0.fastq', '/r/FAQ12345_pass_6b5e4d3c_1.fastq'])).toEqual(['FAQ12345', 'FAQ12345']);
    expect(sampleNamesOfFiles(['/r/FAW12345_pass_6b5e4d3c_0a1b2c3d_12.fastq.gz'])).toEqual(['FAW12345']);
    expect(sampleNamesOfFiles(['/a/FAW12345_pass_barcode01_6b5e4d3c_0a1b2c3d_0.fastq', '/b/FAW12345_pass_barcode01_77aa88bb_0a1b2c3d_0.fastq'])).toEqual(['6b5e4d3c_barcode01', '77aa88bb_barcode01']);
  });
});
