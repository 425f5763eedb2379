import { describe, expect, it } from 'vitest';
import { parseVectorTable } from '../../main/cluster/vectors-tsv.ts';
import { EngineError } from '../../main/shared/engine-error.ts';

const parse = (text: string) => parseVectorTable(text, '/data/vectors.tsv');

describe('parseVectorTable', () => {
  it('reads ids and values, skipping a header, blank lines and CRLF endings', () => {
    const table = parse('id\td1\td2\r\na\t1\t2\r\n\r\nb\t-3.5\t4e-1\r\n');
    expect(table.ids).toEqual(['a', 'b']);
    expect(table.dim).toBe(2);
    expect(Array.from(table.vectors)).toEqual([1, 2, -3.5, Math.fround(0.4)]);
  });

  it.each([
    ['a\t1\t2\nb\tNaN\t2\n', 'vectors.tsv line 2: value 1 ("NaN") is not a finite number'],
    ['a\t1\tInfinity\n', 'vectors.tsv line 1: value 2 ("Infinity") is not a finite number'],
    ['a\t1\t2\nb\t1\t-inf\n', 'vectors.tsv line 2: value 2 ("-inf") is not a finite number'],
    ['a\t1\t2\nb\t1\t\n', 'vectors.tsv line 2: value 2 ("") is not a finite number'],
    ['a\t1\t2\nb\t1\n', 'vectors.tsv line 2: 1 values, expected 2 as on the first line'],
    ['id\tx\ty\na\t1\n', 'vectors.tsv line 2: 1 values, expected 2 as on the header line'],
    ['a\t1\nb\t2\na\t3\n', 'vectors.tsv line 3: id "a" repeats line 1'],
    ['a 1 2\n', 'vectors.tsv line 1: expected an id and at least one value, tab-separated'],
  ])('refuses %j with one line naming file and line', (text, message) => {
    expect(() => parse(text)).toThrow(message);
  });

  it('refuses an empty file or a header alone as having no vectors', () => {
    for (const text of ['', '\n\n', 'id\tx\n']) {
      try {
        parse(text);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(EngineError);
        expect((error as EngineError).code).toBe('no_records_accepted');
        expect((error as EngineError).message).toBe('vectors.tsv: no vectors (expected lines of id<TAB>value<TAB>value…)');
      }
    }
  });
});
