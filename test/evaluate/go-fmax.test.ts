import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goFmax, readPredictionsTsv, readTruthTsv, type GoFmaxResult } from '../../main/evaluate/index.ts';
import { GeneOntology, type GoNamespace } from '../../main/ontology/index.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';
import { FIXTURES, OBO_FIXTURE, writeGoDbFixture } from '../ontology/go-db-fixture.ts';

const tempDir = useTempDirs();
const FMAX_PY = '/work/shared/refdata/go-bench/fmax.py';
const canRunFmaxPy = existsSync(FMAX_PY) && (() => {
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('goFmax', () => {
  it('matches the hand-checked MF case', async () => {
    const predictions = await readPredictionsTsv(join(FIXTURES, 'mf-predictions.tsv'));
    const truth = await readTruthTsv(join(FIXTURES, 'mf-truth.tsv'));
    const ontology = await GeneOntology.fromObo(OBO_FIXTURE);
    // Propagated truth: P1 {transferase, catalytic}, P2 {RNA binding, binding}, P3 {catalytic}; P4 (root only) is
    // dropped. Propagated predictions: P1 transferase/catalytic 0.8, binding 0.3; P2 RNA binding/binding 0.6,
    // catalytic 0.5; P3 none; P5 is not in the truth.
    //   t in (0.6, 0.8]:  p = 1 (P1 only),          r = (1 + 0 + 0)/3   → F = 0.5
    //   t in (0.5, 0.6]:  p = (1 + 1)/2 = 1,       r = (1 + 1 + 0)/3   → F = 0.8   ← first reached at t = 0.51
    //   t in (0.3, 0.5]:  p = (1 + 2/3)/2 = 5/6,   r = 2/3             → F = 20/27
    //   t <= 0.3:         p = (2/3 + 2/3)/2,       r = 2/3             → F = 2/3
    // fmax.py on the same files with go-db.sql's SQLite prints: Fmax=0.800 threshold=0.51 coverage=0.667.
    const mf = goFmax({ predictions, truth, ontology, namespace: 'MF' });
    expect(mf.namespace).toBe('MF');
    expect(mf.fmax).toBeCloseTo(0.8, 12);
    expect(mf.threshold).toBe(0.51);
    expect(mf.precision).toBe(1);
    expect(mf.recall).toBeCloseTo(2 / 3, 12);
    expect(mf.coverage).toBeCloseTo(2 / 3, 12);
    expect(mf.proteins).toBe(3);
    // No BP or CC truth: nothing scored, all zeros.
    const all = goFmax({ predictions, truth, ontology });
    expect(all.map((r) => r.namespace)).toEqual(['BP', 'MF', 'CC']);
    expect(all[1]).toEqual(mf);
    expect(all[0]).toEqual({ namespace: 'BP', fmax: 0, threshold: 0, precision: 0, recall: 0, coverage: 0, proteins: 0 });
    // With a bootstrap the figures stay and an interval is added: three proteins resampled, so it is wide but holds 0.8.
    const { interval, ...point } = goFmax({ predictions, truth, ontology, namespace: 'MF', bootstrap: { replicates: 200, seed: 1 } });
    expect(point).toEqual(mf);
    expect(interval!.low).toBeLessThan(0.8);
    expect(interval!.high).toBeGreaterThanOrEqual(0.8);
    // BP has no truth proteins here: nothing to resample, no interval.
    expect(goFmax({ predictions, truth, ontology, namespace: 'BP', bootstrap: { replicates: 200, seed: 1 } })).not.toHaveProperty('interval');
  });

  it.skipIf(!canRunFmaxPy)('agrees with go-bench/fmax.py on a mixed case', async () => {
    const dir = await tempDir();
    const dbPath = writeGoDbFixture(join(dir, 'GO.sqlite'));
    const predPath = join(dir, 'pred.tsv');
    const truthPath = join(dir, 'truth.tsv');
    // Alt ids and obsolete ids (unknown to fmax.py), part_of edges, a score at 0.29 (29.000… after the epsilon),
    // scores above 1 and below 0.01, a header row and CRLF endings.
    await writeFile(predPath, [
      'accession\tterm\tscore', 'A\tGO:0022626\t0.29', 'A\tGO:0005622\t0.7', 'A\tGO:0006412\t1.5', 'A\tGO:0044236\t0.9',
      'B\tGO:0005840\t0.55', 'B\tGO:0006417\t0.42', 'B\tGO:0008152\t0.005', 'B\tGO:0000005\t0.9', 'B\tGO:0016740\t0.33',
      'C\tGO:0005829\t0.61', 'C\tGO:0003723\t0.12', 'D\tGO:0006412\t0.8', '',
    ].join('\r\n'));
    await writeFile(truthPath, [
      '# truth', 'A\tGO:0022626,GO:0006412', 'B GO:0005622 GO:0006417', 'B\tGO:0016740', 'C\tGO:0044236',
      'D\tGO:0009987\tGO:0003723', 'E\tGO:0005575', 'F\tGO:0003824',
    ].join('\r\n'));
    const ontology = GeneOntology.fromSqlite(dbPath);
    const predictions = await readPredictionsTsv(predPath);
    const truth = await readTruthTsv(truthPath);
    for (const ns of ['BP', 'MF', 'CC'] as const) {
      const ours = goFmax({ predictions, truth, ontology, namespace: ns });
      expect(format(ours)).toEqual(runFmaxPy(predPath, truthPath, dbPath, ns));
    }
  });
});

/** fmax.py's two summary lines' numbers, formatted the way it prints them. */
function format(r: GoFmaxResult): string {
  return `truth_proteins=${r.proteins} precision=${r.precision.toFixed(4)} recall=${r.recall.toFixed(4)} `
    + `Fmax=${r.fmax.toFixed(3)} threshold=${r.threshold.toFixed(2)} coverage=${r.coverage.toFixed(3)}`;
}

function runFmaxPy(pred: string, truth: string, db: string, ns: GoNamespace): string {
  const out = execFileSync('python3', [FMAX_PY, pred, truth, db, ns], { encoding: 'utf8' });
  const pick = (key: string): string => new RegExp(`${key}=(\\S+)`).exec(out)?.[1] ?? 'missing';
  return `truth_proteins=${pick('truth_proteins')} precision=${pick('precision')} recall=${pick('recall')} `
    + `Fmax=${pick('Fmax')} threshold=${pick('threshold')} coverage=${pick('coverage')}`;
}
