import { describe, expect, it } from 'vitest';
import { likelierStrand } from '../../main/classify/strand-choice.ts';

const answer = (confidences: number[], bestDistance: number | null) => ({
  calls: confidences.map((confidence, r) => ({ rank: `rank${r}`, name: `taxon${r}`, confidence })),
  bestDistance,
});

describe('strand choice', () => {
  it('takes the reverse complement only when it is both named with more confidence and nearer', () => {
    const written = answer([0.9, 0.2], 0.6);
    expect(likelierStrand(written, answer([1, 0.9], 0.05))).toMatchObject({ reversed: true, bestDistance: 0.05 });
    // Nearer but naming nothing (a read of another marker): stays as written.
    expect(likelierStrand(answer([0, 0], 0.8), answer([0, 0], 0.6))).toMatchObject({ reversed: false, bestDistance: 0.8 });
    // Surer but farther (a softmax head sure of a vector unlike its training data): stays as written.
    expect(likelierStrand(written, answer([0.99, 0.9], 0.7))).toMatchObject({ reversed: false });
    // Ties, one strand compared, and no distance at all keep the read as written.
    expect(likelierStrand(written, answer([0.9, 0.2], 0.6)).reversed).toBe(false);
    expect(likelierStrand(written, undefined).reversed).toBe(false);
    expect(likelierStrand(answer([0.5], null), answer([0.9], null)).reversed).toBe(false);
  });
});
