import { describe, expect, it } from 'vitest';
import { chimeraOf, DEFAULT_CHIMERA } from '../../main/classify/chimera-check.ts';
import { ChimeraPool } from '../../main/classify/chimera-pool.ts';
import { partCandidates } from '../../main/classify/part-candidates.ts';
import { ReferenceWords } from '../../main/classify/reference-words.ts';
import { SharedSequences } from '../../main/classify/shared-sequences.ts';
import { mulberry32 } from '../../native/onnx/seeded-random.ts';
import { randomSequence } from '../pairs/simulated-pairs.ts';

const marks = (text: string) => Uint8Array.from(text, (c) => (c === '1' ? 1 : 0));
const pairable = () => true;

describe('the two-parent model of a chimera', () => {
  it('finds the parents and the breakpoint of a read each half of which matches one reference', () => {
    // 40 bases: the first parent matches the first 24, the second the last 16 (and each a few of the other's).
    const left = marks('1111111111111111111111110100001000010000');
    const right = marks('0010000100001000010010001111111111111111');
    const third = marks('1111111111000000000011111111110000000000');
    expect(chimeraOf([third, left, right], 40, DEFAULT_CHIMERA, pairable)).toEqual({ left: 1, right: 2, breakpoint: 24, identity: 1, bestSingle: 27 / 40, bestSingleIndex: 1 });
    // The same two references of one taxon: variation within it, not a chimera.
    expect(chimeraOf([third, left, right], 40, DEFAULT_CHIMERA, (a, b) => a + b !== 3)).toBeNull();
  });

  it('calls nothing a chimera that one reference explains nearly as well, or that two explain poorly', () => {
    const single = marks('1111111111111111111111111111111111111011');
    const patchy = marks('1111111111111111111100000000000000000000');
    expect(chimeraOf([single, patchy], 40, DEFAULT_CHIMERA, pairable)).toBeNull();
    // Two halves matched at 80% each: better than either, but no pair of known templates made this read.
    const a = marks('1101111011110111101100000000000000000000');
    const b = marks('0000000000000000000011011110111101111011');
    expect(chimeraOf([a, b], 40, DEFAULT_CHIMERA, pairable)).toBeNull();
    // A join within the first few bases is an end mismatch, not a second parent.
    const nearlyAll = marks('0001111111111111111111111111111111111111');
    const start = marks('1110000000000000000000000000000000000000');
    expect(chimeraOf([nearlyAll, start], 40, DEFAULT_CHIMERA, pairable)).toBeNull();
  });
});

describe('reference words', () => {
  it('ranks references by the distinct 8-mers they share with a stretch of sequence', () => {
    const random = mulberry32(9);
    const references = Array.from({ length: 40 }, () => randomSequence(random, 300));
    const words = ReferenceWords.build(references);
    // A stretch of reference 7, and one made of halves of references 3 and 12.
    expect(words.top(references[7]!.slice(100, 160), 3)[0]).toBe(7);
    const joined = references[3]!.slice(0, 50) + references[12]!.slice(150, 250);
    expect(words.top(joined, 2)).toEqual([12, 3]);
    expect(words.top('ACGT', 3)).toEqual([]);
  });

  it('adds each quarter’s best references to a read’s nearest ones, and aligns a read only when another taxon matches a part of it better', () => {
    const random = mulberry32(10);
    const references = Array.from({ length: 30 }, () => randomSequence(random, 200));
    // References 4 and 9 are one taxon (9 a copy of 4 with its second half changed), the others each their own.
    references[9] = references[4]!.slice(0, 100) + randomSequence(random, 100);
    const taxon = (index: number) => (index === 9 ? 4 : index);
    const related = (a: number, b: number) => taxon(a) === taxon(b);
    const words = ReferenceWords.build(references);
    const chimera = references[4]!.slice(0, 100) + references[21]!.slice(100, 200);
    const indexed = partCandidates(chimera, Int32Array.from([9, 4]), words, related);
    expect(indexed.candidates.slice(0, 2)).toEqual([9, 4]);
    expect(indexed.candidates).toContain(21);
    expect(indexed.mixed).toBe(true);
    // Reference 4 itself is matched best by its own taxon in every part, though a neighbour of another taxon is near.
    expect(partCandidates(references[4]!, Int32Array.from([4, 21]), words, related).mixed).toBe(false);
    // A part matched equally well by the read's nearest taxon and another (here: reference 9's changed half copied
    // into reference 2, which ranks first among equals) is no sign of a chimera either.
    references[2] = randomSequence(random, 100) + references[9]!.slice(100);
    expect(partCandidates(references[9]!, Int32Array.from([9, 4]), ReferenceWords.build(references), related).mixed).toBe(false);
    // Without an index: the nearest alone, aligned when they span two taxa.
    expect(partCandidates(chimera, Int32Array.from([9, 4]), null, related)).toEqual({ candidates: [9, 4], mixed: false });
    expect(partCandidates(chimera, Int32Array.from([9, 21]), null, related)).toEqual({ candidates: [9, 21], mixed: true });
  });
});

describe('the chimera check on worker threads', () => {
  it('finds the same candidate parents and chimeras on two threads as on this one, each in its read’s place', async () => {
    const random = mulberry32(5);
    // Six references of their own taxa at indices 0, 10, …, 50; the indices between have no sequence.
    const sequences = Array.from({ length: 60 }, (_, i) => (i % 10 === 0 ? randomSequence(random, 400) : ''));
    const codes = [Int32Array.from({ length: 60 }, (_, i) => Math.floor(i / 10))];
    const [a, b, c] = [sequences[0]!, sequences[10]!, sequences[20]!];
    // Every third read is a chimera of two references (its parents' order varying), the others a reference itself;
    // 300 of them, so that the word lookups too are handed out to both threads in chunks.
    const cutOf = (i: number) => 100 + ((5 * i) % 200);
    const reads = Array.from({ length: 300 }, (_, i) => {
      const cut = cutOf(i);
      const sequence = i % 3 === 0 ? (i % 2 ? a.slice(0, cut) + b.slice(cut) : c.slice(0, cut) + a.slice(cut)) : [a, b, c][i % 3]!;
      // The nearest reference by embedding first: the read's own, or one of its parents.
      return { sequence, nearest: i % 3 === 1 ? Int32Array.of(10, 0, 20) : i % 3 === 2 ? Int32Array.of(20, 0, 10) : Int32Array.of(0, 10, 20) };
    });
    const run = async (threads: number) => {
      const pool = new ChimeraPool(sequences, ReferenceWords.build(sequences), codes, DEFAULT_CHIMERA, threads);
      try {
        const candidates = await pool.partCandidates(reads);
        const chimeras = await pool.checkTwoParents(reads.map((read, i) => ({ sequence: read.sequence, candidates: candidates[i]!.candidates })));
        return { candidates, chimeras };
      } finally {
        await pool.close();
      }
    };
    const here = await run(1);
    expect(await run(2)).toEqual(here);
    // Each chimera's two parts are matched best by its two parents, of two taxa: worth aligning; a reference is not.
    expect(here.candidates.map((found) => found.mixed)).toEqual(reads.map((_, i) => i % 3 === 0));
    expect(here.chimeras.map((chimera, i) => (chimera ? `${i}:${chimera.left}-${chimera.right}` : null)).filter(Boolean)).toEqual(
      reads.flatMap((_, i) => (i % 3 === 0 ? [`${i}:${i % 2 ? '0-1' : '2-0'}`] : [])),
    );
    // The breakpoint is where the parents differ first: at the cut, or a few bases before where they agree by chance.
    here.chimeras.forEach((chimera, i) => chimera && expect(cutOf(i) - chimera.breakpoint).toSatisfy((d: number) => d >= 0 && d <= 6));
  });

  it('holds the references once, in shared memory, and reads them back as they were', () => {
    const sequences = ['ACGT', '', 'GGGCCCAAATTT'];
    const shared = SharedSequences.from(sequences);
    expect(shared.toData().bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(sequences.map((_, i) => SharedSequences.fromData(shared.toData()).get(i))).toEqual(sequences);
    const words = ReferenceWords.build(['ACGTACGTTTGACCA', 'GGGCCCAAATTTGGGCCC']);
    expect(ReferenceWords.fromData(words.toData()).top('GGGCCCAAATTTGG', 1)).toEqual([1]);
  });
});
