import { Aligner, scoringFor } from '../align/index.ts';
import { chimeraOf, DEFAULT_CHIMERA } from '../classify/chimera-check.ts';
import { partCandidates } from '../classify/part-candidates.ts';
import { ReferenceWords } from '../classify/reference-words.ts';

/** A parent must be this many times as abundant as its chimera (UCHIME3's de novo default, --abskew 16). */
const PARENT_SKEW = 16;

/**
 * Chimeras among denoised sequences without a reference, as UCHIME3 de novo does after UNOISE: a PCR chimera forms
 * from two templates in the same tube, so it is rarer than both; each sequence (most abundant first) is checked
 * against the ones at least 16 times as abundant that are not chimeras themselves, with the same two-parent model
 * as classify's reference check. `sequences` run most abundant first; returns the indices of the chimeras.
 */
export function deNovoChimeras(sequences: readonly string[], sizes: readonly number[]): Set<number> {
  const chimeras = new Set<number>();
  const words = ReferenceWords.build(sequences);
  const aligner = new Aligner(scoringFor('dna'));
  sequences.forEach((sequence, q) => {
    const parents = partCandidates(sequence, new Int32Array(0), words, () => false).candidates.filter((p) => p < q && !chimeras.has(p) && sizes[p]! >= PARENT_SKEW * sizes[q]!);
    if (parents.length < 2) return;
    const marks = parents.map((p) => Uint8Array.from(aligner.matches(sequence, sequences[p]!, 'local').marks));
    if (chimeraOf(marks, sequence.length, DEFAULT_CHIMERA, () => true)) chimeras.add(q);
  });
  return chimeras;
}
