import { describe, expect, it } from 'vitest';
import { countingInto, ImportSummary } from '../../main/io/import-summary.ts';
import { readSequences } from '../../main/io/read-sequences.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { writeInput } from './read-helpers.ts';

const tempDir = useTempDirs();

describe('ImportSummary', () => {
  it('counts read, accepted and rejected by reason while the events pass through', async () => {
    const dir = await tempDir();
    const path = await writeInput(dir, 's.fa', '>a\nACGT\n>b\nAXGT\n>a\nACGT\n>c\n>d\nAC1T\n>e\nTTTT\n');
    const summary = new ImportSummary();
    const kinds: string[] = [];
    for await (const event of countingInto(summary, readSequences(path, { alphabet: 'dna' }))) kinds.push(event.kind);
    expect(kinds).toEqual(['record', 'issue', 'issue', 'issue', 'issue', 'record']);
    expect(summary.toJSON()).toEqual({ read: 6, accepted: 2, rejected: 4, byCode: { illegal_characters: 2, duplicate_id: 1, empty_sequence: 1 } });
    expect(summary.read).toBe(summary.accepted + summary.rejected);
    expect(String(summary)).toBe('read 6, accepted 2, rejected 4 (duplicate_id 1, empty_sequence 1, illegal_characters 2)');
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary.toJSON());
  });

  it('describes a clean read without a reason list', () => {
    const summary = new ImportSummary();
    summary.add({ kind: 'record', record: { id: 'a', description: '', sequence: 'A', annotations: {}, recordNumber: 1, line: 1 } });
    expect(String(summary)).toBe('read 1, accepted 1, rejected 0');
  });
});
