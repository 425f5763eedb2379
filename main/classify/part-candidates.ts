import type { ReferenceWords } from './reference-words.ts';

/** Parts of a read searched for their own parent, and references kept per part. */
const PARTS = 4;
const PER_PART = 2;
/**
 * Words by which another taxon must out-match the read's own in a part: more than a tie and than a few words, which
 * one read error or one variable site can move (a mismatch removes up to 8). Measured on both chimera benches: the
 * same chimeras found as with ties alone, a third fewer reads aligned; 8 lost some (280 of 300 V4 chimeras, not 286).
 */
const LEAD_MARGIN = 4;

/**
 * The read's candidate parents (its nearest references first, then each part's best-matching references), and
 * whether it is worth aligning: whether some part of it is matched better (by LEAD_MARGIN distinct shared words) by a
 * reference of another taxon than by any of its nearest references of its nearest one's taxon. A part whose best matches tie
 * (a conserved stretch, where any of several genera will do) says nothing; without a word index, the read is aligned
 * whenever its nearest references span two taxa.
 */
export function partCandidates(
  sequence: string, nearest: Int32Array, words: ReferenceWords | null, related: (a: number, b: number) => boolean,
): { candidates: number[]; mixed: boolean } {
  const candidates = new Set(nearest);
  const first = nearest[0]!;
  if (!words) return { candidates: [...candidates], mixed: [...candidates].some((index) => !related(index, first)) };
  const kin = [...nearest].filter((index) => related(index, first));
  let mixed = false;
  const size = Math.ceil(sequence.length / PARTS);
  for (let part = 0; part < PARTS; part += 1) {
    const top = words.top(sequence.slice(part * size, (part + 1) * size), PER_PART);
    const leader = top[0];
    if (leader !== undefined && !related(leader, first) && words.sharedWith(leader) > LEAD_MARGIN + Math.max(0, ...kin.map((index) => words.sharedWith(index)))) mixed = true;
    for (const index of top) candidates.add(index);
  }
  return { candidates: [...candidates], mixed };
}
