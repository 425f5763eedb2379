import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../main/api/engine.ts';
import { countOutcomes, OUTCOME_SCORES, rankOutcomesOf } from '../../main/export/evaluate-taxonomy.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { SAMPLE_CLASSIFICATION, writeRunFolder } from './sample-run.ts';

const FIXTURES = resolve('test/fixtures/export');
const tempDir = useTempDirs();
const engine = new Engine();

describe('evaluate taxonomy', () => {
  it('scores each rank against truth lineages matched by position, with decision accuracy from the reference taxa', async () => {
    const run = await writeRunFolder(join(await tempDir(), 'run'), SAMPLE_CLASSIFICATION, null);
    const result = await engine.evaluateTaxonomy({ assignments: join(run, 'assignments.tsv'), truth: join(FIXTURES, 'truth.tsv'), referenceTaxa: join(FIXTURES, 'reference-taxa.tsv') });
    expect(result).toMatchObject({ reads: 6, missingFromAssignments: 1, notInTruth: 3 });
    const byRank = Object.fromEntries(result.ranks.map((s) => [s.rank, s]));
    expect(result.ranks.map((s) => s.rank)).toEqual(['domain', 'phylum', 'class', 'order', 'family', 'genus']);
    // r9 is missing (no call); r3 stops at class, r4 at family (its true genus is not in the reference).
    expect(byRank.domain).toEqual({ rank: 'domain', reads: 6, assigned: 5, correct: 5, accuracy: 5 / 6, precision: 1, coverage: 5 / 6, absentFromReference: 0, decisionAccuracy: 5 / 6 });
    expect(byRank.order).toMatchObject({ assigned: 4, correct: 4, accuracy: 4 / 6, decisionAccuracy: 4 / 6 });
    expect(byRank.genus).toEqual({ rank: 'genus', reads: 6, assigned: 3, correct: 3, accuracy: 0.5, precision: 1, coverage: 0.5, absentFromReference: 1, decisionAccuracy: 4 / 6 });
  });

  it('counts a wrong call against accuracy and precision, and leaves decision accuracy out without reference taxa', async () => {
    const dir = await tempDir();
    const run = await writeRunFolder(join(dir, 'run'), SAMPLE_CLASSIFICATION, null);
    const truth = join(dir, 'truth.tsv');
    await writeFile(truth, '# id, lineage\nr1\tBacteria; Firmicutes; Bacilli; Bacillales; Bacillaceae; Geobacillus\r\nr8\tBacteria;Firmicutes\n');
    const result = await engine.evaluateTaxonomy({ assignments: join(run, 'assignments.tsv'), truth });
    expect(result.ranks.map((s) => s.rank)).toEqual(['domain', 'phylum', 'class', 'order', 'family', 'genus']);
    expect(result.ranks[1]).toMatchObject({ reads: 2, correct: 2, decisionAccuracy: null, absentFromReference: null });
    expect(result.ranks[5]).toMatchObject({ reads: 1, assigned: 1, correct: 0, accuracy: 0, precision: 0 });
  });

  it('adds 95% bootstrap intervals when asked, the same on every run', async () => {
    const run = await writeRunFolder(join(await tempDir(), 'run'), SAMPLE_CLASSIFICATION, null);
    const request = { assignments: join(run, 'assignments.tsv'), truth: join(FIXTURES, 'truth.tsv'), referenceTaxa: join(FIXTURES, 'reference-taxa.tsv'), bootstrap: 500 };
    const result = await engine.evaluateTaxonomy(request);
    const genus = result.ranks.find((s) => s.rank === 'genus')!;
    // Six reads: half right at genus, so resamples spread widely around 0.5; every genus call is right, so every
    // resample with a call has precision 1.
    expect(genus.intervals!.accuracy.low).toBeLessThan(0.5);
    expect(genus.intervals!.accuracy.high).toBeGreaterThan(0.5);
    expect(genus.intervals!.precision).toEqual({ low: 1, high: 1 });
    expect(genus.intervals!.decisionAccuracy!.low).toBeLessThanOrEqual(4 / 6);
    expect(genus.intervals!.decisionAccuracy!.high).toBeGreaterThanOrEqual(4 / 6);
    expect(await engine.evaluateTaxonomy(request)).toEqual(result);
    // Without the reference's taxa there is no decision accuracy, so no interval for it.
    const { referenceTaxa: _, ...withoutTaxa } = request;
    expect((await engine.evaluateTaxonomy(withoutTaxa)).ranks[5]!.intervals!.decisionAccuracy).toBeNull();
    // One rank's per-read outcomes, for comparing two classifications on the same resamples: the same counts.
    const outcomes = await rankOutcomesOf(request, 'genus');
    expect(countOutcomes(outcomes)).toEqual({ reads: 6, assigned: 3, correct: 3, absent: 1, rightDecisions: 4 });
    expect(OUTCOME_SCORES.decisionAccuracy(countOutcomes(outcomes))).toBe(genus.decisionAccuracy);
    await expect(rankOutcomesOf(request, 'species')).rejects.toThrow('evaluate taxonomy: the assignments have no rank "species" (they have domain, phylum, class, order, family, genus)');
  });

  it('refuses malformed truth with the file and line', async () => {
    const dir = await tempDir();
    const run = await writeRunFolder(join(dir, 'run'), SAMPLE_CLASSIFICATION, null);
    const truth = join(dir, 'truth.tsv');
    await writeFile(truth, 'r1\tBacteria\nr2 Bacteria\n');
    await expect(engine.evaluateTaxonomy({ assignments: join(run, 'assignments.tsv'), truth })).rejects.toThrow('truth.tsv line 2: expected id<TAB>lineage, found 1 field');
    await expect(engine.evaluateTaxonomy({ assignments: join(run, 'assignments.tsv'), truth, store: dir })).rejects.toThrow('evaluate taxonomy: field "reference": store and reference go together');
  });
});
