import { describe, expect, it } from 'vitest';
import { Aligner, AlignmentPool, scoringFor, type AlignMode } from '../../main/align/index.ts';
import { mulberry32 } from '../../native/onnx/seeded-random.ts';

/** Related protein pairs (one a mutated copy of the other) of assorted lengths, and an empty one that cannot be aligned. */
function pairs(count: number): [string, string, AlignMode][] {
  const random = mulberry32(11);
  const residues = 'ACDEFGHIKLMNPQRSTVWY';
  const protein = (length: number) => Array.from({ length }, () => residues[Math.floor(random() * 20)]).join('');
  const mutated = (s: string) => [...s].map((c) => (random() < 0.2 ? residues[Math.floor(random() * 20)] : c)).join('');
  const list: [string, string, AlignMode][] = Array.from({ length: count }, (_, i) => {
    const query = protein(60 + ((i * 37) % 200));
    return [query, mutated(query.slice(5)), i % 2 === 0 ? 'global' : 'local'];
  });
  list.push(['', 'MKV', 'local']);
  return list;
}

describe('aligning pairs on worker threads', () => {
  it('gives each pair the metrics this thread gives it, in order, and null where a pair cannot be aligned', async () => {
    const batch = pairs(60);
    const aligner = new Aligner(scoringFor('protein'));
    const expected = batch.map(([q, t, mode]) => (q && t ? aligner.align(q, t, mode, { band: 'auto' }) : null));
    const pool = new AlignmentPool({ alphabet: 'protein', band: 'auto' }, 2);
    try {
      expect(await pool.align(batch)).toEqual(expected);
      expect(pool.threadsUsed).toBe(2);
      // The workers stay for the next batches, and batches asked at once (annotate aligns one block's hits while
      // it filters the next block's) share them without mixing their replies.
      const [first, second] = await Promise.all([pool.align(batch.slice(0, 30)), pool.align(batch.slice(30))]);
      expect(first).toEqual(expected.slice(0, 30));
      expect(second).toEqual(expected.slice(30));
    } finally {
      await pool.close();
    }
    expect(expected.at(-1)).toBeNull();
  });

  it('keeps a small batch on this thread when threads are left to it', async () => {
    const pool = new AlignmentPool({ alphabet: 'protein', band: 'full' }, 0);
    try {
      const batch = pairs(40);
      const aligned = await pool.align(batch);
      expect(pool.threadsUsed).toBe(1);
      expect(aligned[0]).toEqual(new Aligner(scoringFor('protein')).align(batch[0]![0], batch[0]![1], 'global'));
    } finally {
      await pool.close();
    }
  });
});
