import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Classification, ReadAssignment } from '../../main/classify/read-assignment.ts';
import { formatAssignments, parseAssignments, readAssignments, writeAssignments } from '../../main/export/assignments-tsv.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { SAMPLE_CLASSIFICATION } from './sample-run.ts';

const tempDir = useTempDirs();

/** What the file keeps of a number written with 6 significant digits. */
const six = (value: number) => Number(value.toPrecision(6));
const rounded = (c: Classification): Classification => ({
  ranks: c.ranks,
  reads: c.reads.map((r) => ({ ...r, bestDistance: r.bestDistance === null ? null : six(r.bestDistance), noveltyScore: six(r.noveltyScore) })),
});

describe('assignments.tsv', () => {
  it('writes the documented columns, one row per read', async () => {
    const path = join(await tempDir(), 'assignments.tsv');
    await writeAssignments(path, SAMPLE_CLASSIFICATION);
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines[0]).toBe('query_id\tlineage\tconfidence\tdomain\tphylum\tclass\torder\tfamily\tgenus\tbest_hit\tbest_distance\tnovelty_score\tnovel\tsample\tabundance\tcalls');
    expect(lines[3]!.split('\t')).toEqual([
      'r3', 'Bacteria;Proteobacteria;Gammaproteobacteria', '0.990;0.920;0.850', 'Bacteria', 'Proteobacteria', 'Gammaproteobacteria', '', '', '',
      'ref1', '0.0123457', '0.4', 'false', 'lake-a', '1',
      'Bacteria:0.99|Proteobacteria:0.92|Gammaproteobacteria:0.85|Enterobacterales:0.78|Enterobacteriaceae:0.71|Escherichia:0.64',
    ]);
    // A read with no neighbour: no calls, no hit.
    expect(lines[7]!.split('\t')).toEqual(['r7', '', '', '', '', '', '', '', '', '', '', '3.25', 'true', 'lake-a', '5', '']);
    expect(lines).toHaveLength(SAMPLE_CLASSIFICATION.reads.length + 2);
    expect(await readAssignments(path)).toEqual(rounded(SAMPLE_CLASSIFICATION));
  });

  it('round-trips any classification, unicode and separator characters in names included', () => {
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 });
    const tricky = fc.constantFrom('a|b', 'x:y', '50%', '%7C', 'tab\there', 'line\nbreak', 'semi;colon', ' ', 'Ünïcödé 🦠', '<script>', 'a\rb', '%');
    const name = fc.oneof(text, tricky);
    const plain = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).filter((s) => !/[\t\r\n]/.test(s));
    const classification = fc.uniqueArray(plain.filter((s) => !['query_id', 'lineage', 'confidence', 'best_hit', 'best_distance', 'novelty_score', 'novel', 'sample', 'abundance', 'calls'].includes(s)), { minLength: 1, maxLength: 5 }).chain((ranks) =>
      fc.record({
        ranks: fc.constant(ranks),
        reads: fc.uniqueArray(
          fc.record({
            queryId: plain,
            sample: fc.oneof(plain, fc.constant('')),
            abundance: fc.integer({ min: 1, max: 1e6 }),
            withCalls: fc.boolean(),
            names: fc.array(name, { minLength: ranks.length, maxLength: ranks.length }),
            confidences: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: ranks.length, maxLength: ranks.length }),
            depth: fc.nat({ max: ranks.length }),
            bestHit: fc.option(plain, { nil: null }),
            bestDistance: fc.option(fc.double({ min: 0, max: 2, noNaN: true }), { nil: null }),
            noveltyScore: fc.double({ min: 0, max: 100, noNaN: true }),
            novel: fc.boolean(),
          }).map((r): ReadAssignment => ({
            queryId: r.queryId, sample: r.sample, abundance: r.abundance,
            calls: r.withCalls ? r.names.map((n, i) => ({ rank: ranks[i]!, name: n, confidence: r.confidences[i]! })) : [],
            assignedRanks: r.withCalls ? r.depth : 0,
            bestHit: r.bestHit, bestDistance: r.bestDistance, noveltyScore: r.noveltyScore, novel: r.novel,
          })),
          { selector: (r) => r.queryId, maxLength: 6 },
        ),
      }),
    );
    fc.assert(fc.property(classification, (c) => {
      expect(parseAssignments(formatAssignments(c), 'assignments.tsv')).toEqual(rounded(c));
    }), { numRuns: 300 });
  });

  it('keeps a read counted in several samples as one row per sample, and refuses one read twice in a sample', () => {
    const [first, , second] = SAMPLE_CLASSIFICATION.reads;
    const counted: Classification = { ranks: SAMPLE_CLASSIFICATION.ranks, reads: [{ ...first!, sample: 'pond', abundance: 7 }, { ...first!, sample: 'river', abundance: 2 }, second!] };
    const text = formatAssignments(counted);
    expect(parseAssignments(text, 'a.tsv')).toEqual(rounded(counted));
    const lines = text.split('\n');
    expect(() => parseAssignments([...lines.slice(0, 3), lines[1], ...lines.slice(3)].join('\n'), 'a.tsv')).toThrow('a.tsv line 4, column query_id: "r1" appears twice in sample "pond"');
    // Another read under the same id: its fields other than sample and abundance differ.
    const other = lines[3]!.split('\t');
    other[0] = 'r1';
    other[13] = 'lake';
    expect(() => parseAssignments([...lines.slice(0, 3), other.join('\t'), ...lines.slice(4)].join('\n'), 'a.tsv')).toThrow('a.tsv line 4, column lineage: read "r1" is on line 2 too, with another lineage');
  });

  it('refuses what it could not read back', () => {
    const withTab: Classification = { ranks: ['ge\tnus'], reads: [] };
    expect(() => formatAssignments(withTab)).toThrow('assignments.tsv: rank name "ge\tnus" is empty, repeated, holds a tab or line break, or is a column name');
    const badDepth: Classification = { ranks: ['genus'], reads: [{ ...SAMPLE_CLASSIFICATION.reads[6]!, assignedRanks: 1 }] };
    expect(() => formatAssignments(badDepth)).toThrow('assignments.tsv: read "r7": assignedRanks 1 with 0 calls');
  });

  it('names the file, line and column of a bad value', async () => {
    const good = formatAssignments(SAMPLE_CLASSIFICATION).split('\n');
    const broken = (line: number, column: number, value: string) => {
      const lines = [...good];
      const fields = lines[line]!.split('\t');
      fields[column] = value;
      lines[line] = fields.join('\t');
      return lines.join('\n');
    };
    const path = join(await tempDir(), 'mine.tsv');
    await writeFile(path, broken(2, 12, 'maybe'));
    await expect(readAssignments(path)).rejects.toThrow('mine.tsv line 3, column novel: "maybe" is not true or false');
    expect(() => parseAssignments(broken(1, 14, '12x'), 'a.tsv')).toThrow('a.tsv line 2, column abundance: "12x" is not a number');
    expect(() => parseAssignments(broken(1, 11, '-0.5'), 'a.tsv')).toThrow('a.tsv line 2, column novelty_score: -0.5 is negative');
    // Float32 rounding of an identical read's distance, as runs before the clamp at 0 wrote it, reads as 0.
    expect(parseAssignments(broken(1, 11, '-0.00000304988'), 'a.tsv').reads[0]!.noveltyScore).toBe(0);
    expect(() => parseAssignments(broken(1, 15, 'Bacteria:0.9'), 'a.tsv')).toThrow('a.tsv line 2, column calls: 1 calls, but the read is assigned to 6 ranks');
    expect(() => parseAssignments(broken(1, 15, good[1]!.split('\t')[15]!.replace('0.99', '1.5')), 'a.tsv')).toThrow('a.tsv line 2, column calls: confidence 1.5 of "Bacteria" is outside 0–1');
    expect(() => parseAssignments(broken(3, 7, 'Enterobacteriaceae'), 'a.tsv')).toThrow('a.tsv line 4, column family: assigned below the unassigned rank order');
    expect(() => parseAssignments(broken(1, 8, 'Bacillux'), 'a.tsv')).toThrow('a.tsv line 2, column genus: "Bacillux" differs from the call "Bacillus"');
    expect(() => parseAssignments(broken(2, 0, 'r1'), 'a.tsv')).toThrow('a.tsv line 3, column query_id: "r1" appears twice in sample "lake-a"');
    expect(() => parseAssignments(good.slice(1).join('\n'), 'a.tsv')).toThrow(/^a\.tsv line 1: not an assignments\.tsv header/);
    expect(() => parseAssignments(`${good[0]}\nr1\tx\n`, 'a.tsv')).toThrow('a.tsv line 2: 2 fields, the header has 16');
  });

  it('writes and reads a large run a block of rows at a time, as it would write and read it whole', async () => {
    // 25,000 rows: the writer's blocks (10,000 rows) and the reader's stream chunks (64 KB) both end inside the file.
    const reads = Array.from({ length: 25_000 }, (_, i) => ({ ...SAMPLE_CLASSIFICATION.reads[i % SAMPLE_CLASSIFICATION.reads.length]!, queryId: `read${i}` }));
    const large: Classification = { ranks: SAMPLE_CLASSIFICATION.ranks, reads };
    const path = join(await tempDir(), 'assignments.tsv');
    await writeAssignments(path, large);
    const written = await readFile(path, 'utf8');
    expect(written).toBe(formatAssignments(large));
    expect(await readAssignments(path)).toEqual(parseAssignments(written, 'assignments.tsv'));
    // As a Windows editor might save it: a byte-order mark, CRLF line ends and a blank line, read the same.
    await writeFile(path, `\uFEFF${written.split('\n').join('\r\n')}\r\n`);
    expect(await readAssignments(path)).toEqual(parseAssignments(written, 'assignments.tsv'));
    await expect(readAssignments(join(await tempDir(), 'none.tsv'))).rejects.toThrow(/none\.tsv: no such file$/);
  });
});
