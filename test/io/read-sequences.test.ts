import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { FIXTURES, readAll, where, writeInput } from './read-helpers.ts';

const tempDir = useTempDirs();

describe('readSequences on real data', () => {
  it('reads the 16S gold sample: 200 DNA records with tab-separated descriptions', async () => {
    const { records, issues } = await readAll(join(FIXTURES, 'gold16s.sample.fasta'));
    expect(issues).toEqual([]);
    expect(records).toHaveLength(200);
    const first = records[0]!;
    expect(first.id).toBe('7000004128189528');
    expect(first.description.startsWith('Acidothermus cellulolyticus 11B')).toBe(true);
    expect(first.recordNumber).toBe(1);
    expect(first.line).toBe(1);
    expect(records[1]!.line).toBeGreaterThan(2);
    for (const record of records) expect(record.sequence).toMatch(/^[ACGTRYSWKMBDHVN]+$/);
    expect(records.map((r) => r.recordNumber)).toEqual(records.map((_, i) => i + 1));
  });

  it('reads the lowercase 18S amplicons with their ;size= annotations', async () => {
    const { records, issues } = await readAll(join(FIXTURES, 'biomarks18s.sample.fasta'));
    expect(issues).toEqual([]);
    expect(records).toHaveLength(200);
    expect(records[0]).toMatchObject({ id: 'b235271fbc8a6c9d990037857189ee9a', size: 22254, annotations: { size: '22254' }, description: '' });
    expect(records[0]!.sequence.startsWith('AGCTCCAATAGCGTATATTAAAG')).toBe(true);
    expect(records[1]!.line).toBe(3);
  });

  it('reads proteins as protein and keeps UniProt ids whole', async () => {
    const { records, issues } = await readAll(join(FIXTURES, 'proteins.sample.fasta'));
    expect(issues).toEqual([]);
    expect(records).toHaveLength(100);
    expect(records[0]!.id).toBe('tr|W0FSK4|W0FSK4_9FLAV');
    expect(records[0]!.sequence.startsWith('MNNQRKKTGKPSINMLKRV')).toBe(true);
  });

  it('gives identical records for plain, gzip, CRLF and CRLF+gzip copies of the same file', async () => {
    const dir = await tempDir();
    const text = await readFile(join(FIXTURES, 'gold16s.sample.fasta'), 'utf8');
    const crlf = text.replace(/\n/g, '\r\n');
    const plain = await readAll(await writeInput(dir, 'a.fa', text));
    const variants = [await writeInput(dir, 'b.fa.gz', text), await writeInput(dir, 'c.fa', crlf), await writeInput(dir, 'd.fasta', gzipSync(crlf))];
    for (const path of variants) {
      const other = await readAll(path);
      expect(other.issues).toEqual([]);
      expect(other.records).toEqual(plain.records);
    }
  });

  it('detects gzip by its magic bytes, whatever the name', async () => {
    const dir = await tempDir();
    const path = await writeInput(dir, 'named-plain.fasta', gzipSync('>a\nACGT\n'));
    expect((await readAll(path)).records.map((r) => r.sequence)).toEqual(['ACGT']);
  });
});

describe('readSequences normalisation', () => {
  it('uppercases, turns U into T, joins wrapped lines and drops whitespace inside sequence', async () => {
    const dir = await tempDir();
    const path = await writeInput(dir, 'rna.fa', '>r1 first read\nacgu\nAC GU\t\n\n>r2\nACGTACGTACGTACGTACGTACGTACGTACGTRYSWKMBDHVN\nn\n');
    const { records, issues } = await readAll(path);
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.id, r.description, r.sequence])).toEqual([
      ['r1', 'first read', 'ACGTACGT'],
      ['r2', '', 'ACGTACGTACGTACGTACGTACGTACGTACGTRYSWKMBDHVNN'],
    ]);
  });

  it('parses ;key=value annotations out of the id, sample and barcodelabel included', async () => {
    const dir = await tempDir();
    const path = await writeInput(dir, 'ann.fa', '>AB1;size=3;sample=S7;tax=d:Bacteria; desc text\nACGT\n>AB2;barcodelabel=B2\nACGT\n');
    const { records } = await readAll(path);
    expect(records[0]).toMatchObject({ id: 'AB1', size: 3, sample: 'S7', description: 'desc text', annotations: { size: '3', sample: 'S7', tax: 'd:Bacteria' } });
    expect(records[1]).toMatchObject({ id: 'AB2', sample: 'B2' });
    expect(records[1]!.size).toBeUndefined();
  });

  it('strips a protein stop codon and accepts U, O, B, Z, J and X', async () => {
    const dir = await tempDir();
    const path = await writeInput(dir, 'p.fa', '>p1\nmkvlaq*\n>p2\nMKUOBZJXW\n');
    const { records, issues } = await readAll(path, { alphabet: 'protein' });
    expect(issues).toEqual([]);
    expect(records.map((r) => r.sequence)).toEqual(['MKVLAQ', 'MKUOBZJXW']);
  });

  it('reads a single-line 100 MB sequence', async () => {
    const dir = await tempDir();
    const length = 100_000_000;
    const path = join(dir, 'long.fa');
    const body = Buffer.alloc(length, 'ACGT');
    await writeInput(dir, 'long.fa', Buffer.concat([Buffer.from('>chr1\n'), body, Buffer.from('\n>chr2\nAC\n')]));
    const { records, issues } = await readAll(path);
    expect(issues).toEqual([]);
    expect(records.map((r) => r.sequence.length)).toEqual([length, 2]);
    expect(records[0]!.sequence.slice(-8)).toBe('ACGTACGT');
    expect(records[1]!.line).toBe(3);
  });

  it('reads FASTQ, LF or CRLF, keeping the quality string', async () => {
    const dir = await tempDir();
    const text = '@q1 lane 1\nACGU\n+\nIIII\n@q2\nnnAC\n+q2\n!!~~\n';
    for (const content of [text, text.replace(/\n/g, '\r\n')]) {
      const { records, issues } = await readAll(await writeInput(dir, 'r.fq', content));
      expect(issues).toEqual([]);
      expect(records.map((r) => [r.id, r.description, r.sequence, r.quality, r.line])).toEqual([
        ['q1', 'lane 1', 'ACGT', 'IIII', 1],
        ['q2', '', 'NNAC', '!!~~', 5],
      ]);
    }
  });
});

describe('readSequences options', () => {
  it('rejects alignment gaps by default, naming the position, and strips them with allowGaps', async () => {
    const dir = await tempDir();
    const path = await writeInput(dir, 'aln.fa', '>a\nAC-GT\n>b\n..ACGT--\n>c\n----\n');
    const strict = await readAll(path, { alphabet: 'dna' });
    expect(strict.records).toEqual([]);
    expect(strict.issues.map(where)).toEqual([
      { file: 'aln.fa', record: 1, line: 1, code: 'illegal_characters' },
      { file: 'aln.fa', record: 2, line: 3, code: 'illegal_characters' },
      { file: 'aln.fa', record: 3, line: 5, code: 'illegal_characters' },
    ]);
    expect(strict.issues[0]!.message).toBe(`aln.fa: record 1 (line 1, id "a"): illegal character '-' at position 3 for a dna sequence (an alignment gap: remove gaps with --remove-gaps, or remove_gaps: true in a run.yaml)`);
    const gapped = await readAll(path, { alphabet: 'dna', allowGaps: true });
    expect(gapped.records.map((r) => [r.id, r.sequence])).toEqual([['a', 'ACGT'], ['b', 'ACGT']]);
    expect(gapped.issues.map(where)).toEqual([{ file: 'aln.fa', record: 3, line: 5, code: 'empty_sequence' }]);
  });

  it('strips gaps from proteins, and from FASTQ together with their quality characters', async () => {
    const dir = await tempDir();
    const protein = await readAll(await writeInput(dir, 'p.fa', '>p\nMK-V.L*\n'), { alphabet: 'protein', allowGaps: true });
    expect(protein.records.map((r) => r.sequence)).toEqual(['MKVL']);
    const reads = await readAll(await writeInput(dir, 'g.fq', '@r\nA-C.G\n+\n12345\n'), { allowGaps: true });
    expect(reads.records.map((r) => [r.sequence, r.quality])).toEqual([['ACG', '135']]);
  });

  it('accepts repeated ids when duplicate detection is off', async () => {
    const dir = await tempDir();
    const path = await writeInput(dir, 'dup.fq', '@r\nACGT\n+\nIIII\n@r\nGG\n+\nII\n');
    expect((await readAll(path)).issues.map(where)).toEqual([{ file: 'dup.fq', record: 2, line: 5, code: 'duplicate_id' }]);
    const { records, issues } = await readAll(path, { detectDuplicates: false });
    expect(issues).toEqual([]);
    expect(records.map((r) => [r.id, r.sequence, r.line])).toEqual([['r', 'ACGT', 1], ['r', 'GG', 5]]);
  });

  it('checks duplicates against accepted records only: a rejected first copy does not block a good one', async () => {
    const dir = await tempDir();
    const { records, issues } = await readAll(await writeInput(dir, 'd.fa', '>x\nAC!T\n>x\nACGT\n>x\nTT\n'));
    expect(records.map((r) => [r.id, r.recordNumber])).toEqual([['x', 2]]);
    expect(issues.map((i) => [i.record, i.code])).toEqual([[1, 'illegal_characters'], [3, 'duplicate_id']]);
    expect(issues[1]!.message).toBe('d.fa: record 3 (line 5, id "x"): duplicate id, first seen at record 2 (line 3)');
  });
});

describe('readSequences rejects bad records and keeps reading', () => {
  it('reports each bad FASTA record kind with file, record and header line', async () => {
    const dir = await tempDir();
    const text = [
      '>ok1', 'ACGT', // 1, line 1
      '>empty', // 2, line 3
      '>bad', 'ACGJT', // 3, line 4
      '>ok1', 'ACGT', // 4, line 6: duplicate of record 1
      '> no-id', 'ACGT', // 5, line 8: empty id
      `>${'x'.repeat(1001)}`, 'ACGT', // 6, line 10: id too long
      '>ctl\u0001x', 'ACGT', // 7, line 12: control character (binary)
      '>sz;size=0', 'ACGT', // 8, line 14
      '>prot', 'MNNQRKKTGKPSINMLKRVRNRVSTGSQLAKRFSKG', // 9, line 16: protein in a DNA file
      '>ok2', 'AC', 'GT', // 10, line 18
    ].join('\n');
    const path = await writeInput(dir, 'bad.fa', `${text}\n`);
    const { records, issues, order } = await readAll(path, { alphabet: 'dna' });
    expect(records.map((r) => [r.id, r.recordNumber, r.line])).toEqual([['ok1', 1, 1], ['ok2', 10, 18]]);
    expect(issues.map(where)).toEqual([
      { file: 'bad.fa', record: 2, line: 3, code: 'empty_sequence' },
      { file: 'bad.fa', record: 3, line: 4, code: 'illegal_characters' },
      { file: 'bad.fa', record: 4, line: 6, code: 'duplicate_id' },
      { file: 'bad.fa', record: 5, line: 8, code: 'malformed_record' },
      { file: 'bad.fa', record: 6, line: 10, code: 'malformed_record' },
      { file: 'bad.fa', record: 7, line: 12, code: 'binary_data' },
      { file: 'bad.fa', record: 8, line: 14, code: 'invalid_annotation' },
      { file: 'bad.fa', record: 9, line: 16, code: 'wrong_alphabet' },
    ]);
    expect(order).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(issues[1]!.message).toBe(`bad.fa: record 3 (line 4, id "bad"): illegal character 'J' at position 4 for a dna sequence`);
    expect(issues[2]!.message).toContain('first seen at record 1 (line 1)');
    for (const issue of issues) expect(issue.message).not.toMatch(/[\n\r]/);
  });

  it('rejects a control character in an id without breaking the one-line message', async () => {
    const dir = await tempDir();
    const { records, issues } = await readAll(await writeInput(dir, 'c.fa', '>a\nAC\n>a\u001bb\nACGT\n>c\nAC\n'));
    expect(records.map((r) => r.id)).toEqual(['a', 'c']);
    expect(issues.map(where)).toEqual([{ file: 'c.fa', record: 2, line: 3, code: 'binary_data' }]);
    expect(issues[0]!.message).not.toMatch(/[\u0000-\u001f]/);
  });

  it('reports sequence text without a header line before it as one malformed record', async () => {
    const dir = await tempDir();
    const path = await writeInput(dir, 'nohead.fa', '\n  >a indented header\nACGT\n>b\nAC\n');
    const { records, issues } = await readAll(path);
    expect(records.map((r) => [r.id, r.recordNumber, r.line])).toEqual([['b', 2, 4]]);
    expect(issues.map(where)).toEqual([{ file: 'nohead.fa', record: 1, line: 2, code: 'malformed_record' }]);
    expect(issues[0]!.message).toContain('missing header');
  });

  it('validates against an explicit alphabet: DNA in a protein run is wrong_alphabet', async () => {
    const dir = await tempDir();
    const path = await writeInput(dir, 'mix.fa', `>p\nMKVLAAGG\n>d\n${'ACGTTGCA'.repeat(8)}\n`);
    const { records, issues } = await readAll(path, { alphabet: 'protein' });
    expect(records.map((r) => r.id)).toEqual(['p']);
    expect(issues.map(where)).toEqual([{ file: 'mix.fa', record: 2, line: 3, code: 'wrong_alphabet' }]);
  });

  it('reports FASTQ quality mismatch, missing + line, bad quality and a truncated last record', async () => {
    const dir = await tempDir();
    const text = [
      '@r1', 'ACGT', '+', 'IIII', // 1, line 1
      '@r2', 'ACGT', '+', 'III', // 2, line 5: mismatch
      '@r3', 'ACGT', 'IIII', // 3, line 9: '+' missing
      '@r4', 'ACGT', '+', 'II I', // 4, line 12: space in quality -> length 4 but bad char
      '@r5', 'ACGT', '+', 'IIII', // 5, line 16
      '@r6', 'AC', // 6, line 20: file ends
    ].join('\n');
    const path = await writeInput(dir, 'bad.fq', `${text}\n`);
    const { records, issues, order } = await readAll(path);
    expect(records.map((r) => [r.id, r.recordNumber, r.line])).toEqual([['r1', 1, 1], ['r5', 5, 16]]);
    expect(issues.map(where)).toEqual([
      { file: 'bad.fq', record: 2, line: 5, code: 'quality_length_mismatch' },
      { file: 'bad.fq', record: 3, line: 9, code: 'malformed_record' },
      { file: 'bad.fq', record: 4, line: 12, code: 'malformed_record' },
      { file: 'bad.fq', record: 6, line: 20, code: 'malformed_record' },
    ]);
    expect(issues[1]!.message).toContain("missing '+' line");
    expect(issues[2]!.message).toBe(`bad.fq: record 4 (line 12, id "r4"): quality character ' ' at position 3 is outside ! to ~`);
    expect(order).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('rejects FASTQ records with an empty or too long id', async () => {
    const dir = await tempDir();
    const path = await writeInput(dir, 'ids.fq', `@\nAC\n+\nII\n@${'r'.repeat(1001)}\nAC\n+\nII\n@ok\nAC\n+\nII\n`);
    const { records, issues } = await readAll(path);
    expect(records.map((r) => [r.id, r.recordNumber, r.line])).toEqual([['ok', 3, 9]]);
    expect(issues.map(where)).toEqual([
      { file: 'ids.fq', record: 1, line: 1, code: 'malformed_record' },
      { file: 'ids.fq', record: 2, line: 5, code: 'malformed_record' },
    ]);
    expect(issues[0]!.message).toBe('ids.fq: record 1 (line 1): empty id in header');
    expect(issues[1]!.message).toBe('ids.fq: record 2 (line 5): id longer than 1000 characters (1001)');
  });

  it('resynchronises FASTQ at the next @ header after stray lines', async () => {
    const dir = await tempDir();
    const path = await writeInput(dir, 'stray.fq', '@r1\nAC\n+\nII\nstray line\nmore\n@r2\nGG\n+\nII\n');
    const { records, issues } = await readAll(path);
    expect(records.map((r) => [r.id, r.recordNumber, r.line])).toEqual([['r1', 1, 1], ['r2', 3, 7]]);
    expect(issues.map(where)).toEqual([{ file: 'stray.fq', record: 2, line: 5, code: 'malformed_record' }]);
  });

  it('rejects the record holding binary garbage mid-file and reads on', async () => {
    const dir = await tempDir();
    const garbage = Buffer.from([0x00, 0xff, 0xfe, 0x13, 0x41, 0x80, 0x0a, 0x00, 0x47]);
    const first = `>a\n${'ACGT'.repeat(500)}\n`; // garbage beyond the first KB, where sniffing stops looking
    const bytes = Buffer.concat([Buffer.from(`${first}>b\nAC`), garbage, Buffer.from('GT\n>c\nTTTT\n')]);
    const { records, issues } = await readAll(await writeInput(dir, 'garbage.fa', bytes));
    expect(records.map((r) => [r.id, r.recordNumber, r.line])).toEqual([['a', 1, 1], ['c', 3, 6]]);
    expect(issues.map(where)).toEqual([{ file: 'garbage.fa', record: 2, line: 3, code: 'binary_data' }]);
    expect(issues[0]!.message).toBe(`garbage.fa: record 2 (line 3, id "b"): binary (non-text) data at line 4 ('\\x00')`);
  });

  it('rejects a FASTQ record with binary bytes in its quality line and reads on', async () => {
    const dir = await tempDir();
    const bytes = Buffer.concat([Buffer.from('@a\nACGT\n+\nIIII\n@b\nACGT\n+\nII'), Buffer.from([0x01, 0x02]), Buffer.from('\n@c\nAC\n+\nII\n')]);
    const { records, issues } = await readAll(await writeInput(dir, 'bin.fq', bytes));
    expect(records.map((r) => [r.id, r.recordNumber, r.line])).toEqual([['a', 1, 1], ['c', 3, 9]]);
    expect(issues.map(where)).toEqual([{ file: 'bin.fq', record: 2, line: 5, code: 'binary_data' }]);
    expect(issues[0]!.message).toContain('at line 8');
  });

  it('rejects invalid UTF-8 (non-text bytes) without NULs near the start too', async () => {
    const dir = await tempDir();
    const bytes = Buffer.concat([Buffer.from('>a\nACGT\n>b\nAC'), Buffer.from([0xc3, 0x28, 0xa0, 0xa1]), Buffer.from('GT\n>c\nTT\n')]);
    const { records, issues } = await readAll(await writeInput(dir, 'utf.fa', bytes));
    expect(records.map((r) => r.id)).toEqual(['a', 'c']);
    expect(issues.map(where)).toEqual([{ file: 'utf.fa', record: 2, line: 3, code: 'binary_data' }]);
    expect(issues[0]!.message).toContain('binary (non-text) data at line 4 (invalid UTF-8)');
  });

  it('rejects a header whose id holds a C1 control character (valid UTF-8, invisible)', async () => {
    const dir = await tempDir();
    const { records, issues } = await readAll(await writeInput(dir, 'c1.fa', '>a\nAC\n>b\u0085x desc\nACGT\n>c\nAC\n'));
    expect(records.map((r) => r.id)).toEqual(['a', 'c']);
    expect(issues.map(where)).toEqual([{ file: 'c1.fa', record: 2, line: 3, code: 'malformed_record' }]);
    expect(issues[0]!.message).toBe('c1.fa: record 2 (line 3): control character U+0085 in id at position 2');
  });

  it('rejects a repeated annotation and a bad size, naming the id', async () => {
    const dir = await tempDir();
    const { records, issues } = await readAll(await writeInput(dir, 'ann.fa', '>a;size=2;size=3\nAC\n>b;size=x\nAC\n>c;size=4\nAC\n'));
    expect(records.map((r) => [r.id, r.size])).toEqual([['c', 4]]);
    expect(issues.map(where)).toEqual([
      { file: 'ann.fa', record: 1, line: 1, code: 'invalid_annotation' },
      { file: 'ann.fa', record: 2, line: 3, code: 'invalid_annotation' },
    ]);
    expect(issues[1]!.message).toBe('ann.fa: record 2 (line 3, id "b"): size=x is not a positive integer');
  });

  it('after a truncated gzip yields the complete records, then one issue, never the partial record', async () => {
    const dir = await tempDir();
    const text = await readFile(join(FIXTURES, 'gold16s.sample.fasta'), 'utf8');
    const whole = gzipSync(text);
    const path = await writeInput(dir, 'cut.fa.gz', whole.subarray(0, Math.floor(whole.length * 0.6)));
    const complete = (await readAll(join(FIXTURES, 'gold16s.sample.fasta'))).records;
    const { records, issues, order } = await readAll(path);
    expect(records.length).toBeGreaterThan(50);
    expect(records.length).toBeLessThan(200);
    expect(records).toEqual(complete.slice(0, records.length));
    expect(issues).toHaveLength(1);
    const partial = complete[records.length]!;
    expect(where(issues[0]!)).toEqual({ file: 'cut.fa.gz', record: records.length + 1, line: partial.line, code: 'truncated_gzip' });
    expect(issues[0]!.message).toContain(`after record ${records.length}`);
    expect(order).toEqual(order.map((_, i) => i + 1));
  });

  it('a gzip cut at a record boundary still rejects the last, possibly partial, record', async () => {
    const dir = await tempDir();
    const whole = gzipSync('>a\nACGT\n>b\nACGT\n');
    const { records, issues } = await readAll(await writeInput(dir, 'trail.fa.gz', whole.subarray(0, whole.length - 4)));
    expect(records.map((r) => r.id)).toEqual(['a']);
    expect(issues.map(where)).toEqual([{ file: 'trail.fa.gz', record: 2, line: 3, code: 'truncated_gzip' }]);
  });

  it('throws the abort reason when the signal fires', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped by user'));
    await expect(readAll(join(FIXTURES, 'gold16s.sample.fasta'), { signal: controller.signal })).rejects.toThrow('stopped by user');
  });
});
