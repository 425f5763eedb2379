import { describe, expect, it } from 'vitest';
import { parseHeader } from '../../main/io/header.ts';
import { firstIllegalCharacter, guessAlphabet, normalizeSequence } from '../../main/io/alphabet.ts';

describe('parseHeader', () => {
  it('splits id, description and ;key=value annotations', () => {
    expect(parseHeader('AB1;size=3; some text ')).toEqual({ id: 'AB1', description: 'some text', annotations: { size: '3' } });
    expect(parseHeader('x;sample=S1;tax=d:Bacteria,p:Firmicutes;\tdesc')).toEqual({ id: 'x', description: 'desc', annotations: { sample: 'S1', tax: 'd:Bacteria,p:Firmicutes' } });
  });

  it('keeps the whole token as id when a ;part is not key=value', () => {
    expect(parseHeader('gi|123;weird part')).toEqual({ id: 'gi|123;weird', description: 'part', annotations: {} });
    expect(parseHeader('a;b')).toEqual({ id: 'a;b', description: '', annotations: {} });
  });

  it('gives a reason for unusable headers', () => {
    expect(parseHeader('')).toBe('empty id in header');
    expect(parseHeader(' leading space')).toBe('empty id in header');
    expect(parseHeader(';size=3')).toBe('empty id in header');
    expect(parseHeader('a\u0007b')).toBe('control character in id');
    expect(parseHeader('x'.repeat(1001))).toMatch(/^id longer than 1000 characters/);
    expect(parseHeader('x'.repeat(1000))).toMatchObject({ id: 'x'.repeat(1000) });
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

  it('normalises case, RNA and stop codons', () => {
    expect(normalizeSequence('acgu', 'dna')).toBe('ACGT');
    expect(normalizeSequence('mkv*', 'protein')).toBe('MKV');
    expect(normalizeSequence('mku', 'protein')).toBe('MKU');
  });
});
