import { describe, expect, it } from 'vitest';
import { isHeaderProblem, parseHeader, type ParsedHeader } from '../../main/io/header.ts';
import { firstIllegalCharacter, guessAlphabet, normalizeSequence } from '../../main/io/alphabet.ts';

describe('parseHeader', () => {
  it('splits id, description and ;key=value annotations, with size and sample', () => {
    expect(parseHeader('AB1;size=3; some text ')).toEqual({ id: 'AB1', description: 'some text', annotations: { size: '3' }, size: 3 });
    expect(parseHeader('x;sample=S1;tax=d:Bacteria,p:Firmicutes;\tdesc')).toEqual({ id: 'x', description: 'desc', annotations: { sample: 'S1', tax: 'd:Bacteria,p:Firmicutes' }, sample: 'S1' });
    expect(parseHeader('x;barcodelabel=B2')).toMatchObject({ sample: 'B2' });
  });

  it('keeps the whole token as id when a ;part is not key=value', () => {
    expect(parseHeader('gi|123;weird part')).toEqual({ id: 'gi|123;weird', description: 'part', annotations: {} });
    expect(parseHeader('a;b')).toEqual({ id: 'a;b', description: '', annotations: {} });
  });

  it('keeps an annotation named __proto__ as data', () => {
    const header = parseHeader('a;__proto__=x');
    expect(isHeaderProblem(header)).toBe(false);
    expect(Object.keys((header as ParsedHeader).annotations)).toEqual(['__proto__']);
  });

  it('gives a code and a reason for unusable headers', () => {
    expect(parseHeader('')).toEqual({ code: 'malformed_record', detail: 'empty id in header' });
    expect(parseHeader(' leading space')).toEqual({ code: 'malformed_record', detail: 'empty id in header' });
    expect(parseHeader(';size=3')).toEqual({ code: 'malformed_record', detail: 'empty id in header' });
    expect(parseHeader('a\u0007b')).toEqual({ code: 'malformed_record', detail: 'control character U+0007 in id at position 2' });
    expect(parseHeader('ab\u0085')).toEqual({ code: 'malformed_record', detail: 'control character U+0085 in id at position 3' });
    expect(parseHeader('x'.repeat(1001))).toEqual({ code: 'malformed_record', detail: 'id longer than 1000 characters (1001)' });
    expect(parseHeader('x'.repeat(1000))).toMatchObject({ id: 'x'.repeat(1000) });
  });

  it('rejects a size that is not a positive integer and a repeated annotation, naming the id', () => {
    for (const size of ['0', '-2', '1.5', '', '07', 'ten']) {
      expect(parseHeader(`amp;size=${size}`)).toEqual({ code: 'invalid_annotation', detail: `size=${size} is not a positive integer`, id: 'amp' });
    }
    expect(parseHeader('amp;size=2;size=3')).toEqual({ code: 'invalid_annotation', detail: "annotation 'size' given more than once", id: 'amp' });
  });
});

describe('alphabet', () => {
  it('guesses DNA only when nearly all letters are ACGTUN and all are nucleotide codes', () => {
    expect(guessAlphabet('ACGTACGTNNACGU')).toBe('dna');
    expect(guessAlphabet('acgtacgtacgtacgtacgr')).toBe('dna');
    expect(guessAlphabet('ACGTRYKMSWACGT')).toBe('protein'); // under 90% core letters
    expect(guessAlphabet('ACGTACGTACGTACGTACGTE')).toBe('protein'); // E is no nucleotide code
    expect(guessAlphabet('MKVLAAGIEEFF')).toBe('protein');
  });

  it('finds the first illegal character, allowing a final protein stop', () => {
    expect(firstIllegalCharacter('ACGTRYSWKMBDHVNU', 'dna')).toBe(-1);
    expect(firstIllegalCharacter('ACG-T', 'dna')).toBe(3);
    expect(firstIllegalCharacter('mkvbzjxuo*', 'protein')).toBe(-1);
    expect(firstIllegalCharacter('MK*V', 'protein')).toBe(2);
    expect(firstIllegalCharacter('MK1', 'protein')).toBe(2);
  });

  it('allows gaps only when asked', () => {
    expect(firstIllegalCharacter('AC-G.T', 'dna', true)).toBe(-1);
    expect(firstIllegalCharacter('AC-G.T', 'dna', false)).toBe(2);
    expect(firstIllegalCharacter('MK--V.', 'protein', true)).toBe(-1);
    expect(firstIllegalCharacter('AC-GXT', 'dna', true)).toBe(4);
  });

  it('normalises case, RNA and stop codons', () => {
    expect(normalizeSequence('acgu', 'dna')).toBe('ACGT');
    expect(normalizeSequence('mkv*', 'protein')).toBe('MKV');
    expect(normalizeSequence('mku', 'protein')).toBe('MKU');
  });
});
