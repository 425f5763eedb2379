import { readdir, readFile, writeFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PrimerPair, PrimerRegionCutter } from '../../main/io/primer-region.ts';
import { readSequences } from '../../main/io/read-sequences.ts';
import { seqatlas } from '../helpers/run-cli.ts';
import { useTempDirs } from '../helpers/temp-dir.ts';

const tempDir = useTempDirs();
const FIXTURES = resolve('test/fixtures/classify');

describe('seqatlas classify / evaluate taxonomy / export', () => {
  it('classifies, scores and exports from the command line', async () => {
    const dir = await tempDir();
    const store = join(dir, 'store');
    const out = join(dir, 'run');
    expect(seqatlas('reference', 'build', '-i', join(FIXTURES, 'reference.fasta.gz'), '-n', 'gold5', '-m', 'dna-kmer', '-s', store, '--max-batch', '64').code).toBe(0);
    // The reference's embedding ran with the asked batch size (its run records the effective configuration).
    const [embedRun] = (await readdir(join(store, 'runs'))).filter((run) => run.endsWith('-embed'));
    expect(await readFile(join(store, 'runs', embedRun!, 'experiment_config.yaml'), 'utf8')).toMatch(/^batch:\n {2}tokenBudget: \d+\n {2}maxBatchSize: 64$/m);

    const classify = seqatlas('classify', '-i', join(FIXTURES, 'reads.fasta.gz'), '-r', 'gold5', '-s', store, '-o', out, '--min-confidence', '0.6');
    expect(classify.code, classify.stderr).toBe(0);
    expect(classify.stdout).toMatch(/^classified 25 reads \(total abundance \d+\) against gold5 \(dna-kmer layer 0\)/);
    expect(classify.stdout).toMatch(/genus +\d+ assigned/);
    expect(classify.stdout).toMatch(/^ {2}chimeras of two references: \d+$/m);
    const header = (await readFile(join(out, 'assignments.tsv'), 'utf8')).split('\n')[0];
    expect(header).toBe('query_id\tlineage\tconfidence\tdomain\tphylum\tclass\torder\tfamily\tgenus\tbest_hit\tbest_distance\tnovelty_score\tnovel\tsample\tabundance\tcalls');

    const evaluation = seqatlas('evaluate', 'taxonomy', '--assignments', join(out, 'assignments.tsv'), '--truth', join(FIXTURES, 'reads.truth.tsv'), '--store', store, '--reference', 'gold5', '--json');
    expect(evaluation.code, evaluation.stderr).toBe(0);
    const scores = JSON.parse(evaluation.stdout) as { ranks: { rank: string; accuracy: number; precision: number | null; decisionAccuracy: number }[] };
    const family = scores.ranks.find((r) => r.rank === 'family')!;
    expect(family.accuracy).toBe(1);
    expect(scores.ranks.find((r) => r.rank === 'genus')!.decisionAccuracy).toBeGreaterThan(0.5);
    // The table with bootstrap intervals: family's accuracy is 100% in every resample.
    const table = seqatlas('evaluate', 'taxonomy', '--assignments', join(out, 'assignments.tsv'), '--truth', join(FIXTURES, 'reads.truth.tsv'), '--store', store, '--reference', 'gold5', '--bootstrap', '200');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^family +25 +25 +100\.0% \(100\.0–100\.0\)/m);
    expect(table.stdout).toMatch(/^genus .* \d+\.\d% \(\d+\.\d–\d+\.\d\) +\d+$/m);

    const report = seqatlas('export', 'report', '--run', out, '--out', join(dir, 'report.html'), '--rank', 'family');
    expect(report.code, report.stderr).toBe(0);
    expect(await readFile(join(dir, 'report.html'), 'utf8')).toContain('Enterobacteriaceae');

    // Per rank: a strict genus, the rest at 0.6.
    const strict = seqatlas('classify', '-i', join(FIXTURES, 'reads.fasta.gz'), '-r', 'gold5', '-s', store, '-o', join(dir, 'strict'), '--min-confidence', 'genus=1,default=0.6', '--no-chimera-check');
    expect(strict.code, strict.stderr).toBe(0);
    expect(strict.stdout).not.toContain('chimeras');
    expect(await readFile(join(dir, 'strict', 'experiment_config.yaml'), 'utf8')).toMatch(/^chimera_check: false$/m);
    expect(await readFile(join(dir, 'strict', 'experiment_config.yaml'), 'utf8')).toMatch(/^min_confidence:\n {2}genus: 1\n {2}default: 0.6$/m);
    const assigned = (stdout: string, rank: string) => Number(new RegExp(`^ {2}${rank} +(\\d+) assigned`, 'm').exec(stdout)![1]);
    expect(assigned(strict.stdout, 'family')).toBe(assigned(classify.stdout, 'family'));
    expect(assigned(strict.stdout, 'genus')).toBeLessThan(assigned(classify.stdout, 'genus'));

    // A count table (BIOM TSV, as QIIME 2 exports it): each read is counted in every sample it names; scores are per read, as before.
    const ids = (await readFile(join(out, 'assignments.tsv'), 'utf8')).trim().split('\n').slice(1).map((line) => line.split('\t')[0]!);
    const featureTable = join(dir, 'feature-table.tsv');
    await writeFile(featureTable, `# Constructed from biom file\n#OTU ID\tS1\tS2\n${ids.map((id, i) => `${id}\t${i + 1}.0\t${i % 2}.0\n`).join('')}`);
    const counted = seqatlas('classify', '-i', join(FIXTURES, 'reads.fasta.gz'), '-r', 'gold5', '-s', store, '-o', join(dir, 'counted'), '--min-confidence', '0.6', '--counts', featureTable);
    expect(counted.code, counted.stderr).toBe(0);
    expect(counted.stdout).toMatch(/^classified 25 reads \(total abundance 337\)/);
    expect(counted.stdout).toMatch(/^ {2}novel: \d+; samples: S1, S2$/m);
    const countedScores = seqatlas('evaluate', 'taxonomy', '--assignments', join(dir, 'counted', 'assignments.tsv'), '--truth', join(FIXTURES, 'reads.truth.tsv'), '--store', store, '--reference', 'gold5', '--json');
    expect(JSON.parse(countedScores.stdout)).toEqual({ ...scores, assignments: join(dir, 'counted', 'assignments.tsv') });

    for (const [value, problem] of [['2', '"2" is neither'], ['genus=1.5', '"genus=1.5" is neither'], ['genus', '"genus" is neither']]) {
      const bad = seqatlas('classify', '-i', join(FIXTURES, 'reads.fasta.gz'), '-r', 'gold5', '-s', store, '-o', out, '--min-confidence', value!);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain(problem);
    }
    const typo = seqatlas('classify', '-i', join(FIXTURES, 'reads.fasta.gz'), '-r', 'gold5', '-s', store, '-o', out, '--min-confidence', 'genra=0.8');
    expect(typo.code).toBe(1);
    expect(typo.stderr.trim()).toBe('error: min_confidence.genra: reference gold5 has no rank "genra" (ranks: domain, phylum, class, order, family, genus; or default)');
  });

  it('reads aligned FASTA (SILVA or PR2 alignments) with --remove-gaps, classifying as from the unaligned files', async () => {
    const dir = await tempDir();
    const store = join(dir, 'store');
    // The fixtures as an alignment tool writes them: gap runs inside and at both ends of every sequence.
    const aligned = async (fixture: string) => {
      const text = gunzipSync(await readFile(join(FIXTURES, fixture))).toString('utf8');
      const gapped = text.replace(/^[^>\n].*$/gm, (sequence: string) => `..${sequence.replace(/(.{50})/g, '$1--')}..`);
      const path = join(dir, fixture.replace('.gz', '').replace('.fasta', '.aln.fasta'));
      await writeFile(path, gapped);
      return path;
    };
    const reference = await aligned('reference.fasta.gz');
    const reads = await aligned('reads.fasta.gz');

    const refused = seqatlas('reference', 'build', '-i', reference, '-n', 'aligned', '-m', 'dna-kmer', '-s', store);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/no record was accepted .*reference\.aln\.fasta: record 1 .*illegal character '\.' at position 1 .*--remove-gaps/);
    expect(seqatlas('reference', 'build', '-i', reference, '-n', 'aligned', '-m', 'dna-kmer', '-s', store, '--remove-gaps').code).toBe(0);
    // Adding to that set must read the file the same way.
    const mixed = seqatlas('reference', 'build', '-i', reference, '-n', 'aligned', '-m', 'dna-kmer', '-s', store);
    expect(mixed.stderr.trim()).toBe(`error: reference "aligned" was built from ${reference} with --remove-gaps; run with the same settings to add a model, or choose another --name`);
    expect(seqatlas('reference', 'build', '-i', join(FIXTURES, 'reference.fasta.gz'), '-n', 'plain', '-m', 'dna-kmer', '-s', store).code).toBe(0);

    const fromAligned = seqatlas('classify', '-i', reads, '-r', 'aligned', '-s', store, '-o', join(dir, 'aligned'), '--remove-gaps');
    expect(fromAligned.code, fromAligned.stderr).toBe(0);
    expect(seqatlas('classify', '-i', join(FIXTURES, 'reads.fasta.gz'), '-r', 'plain', '-s', store, '-o', join(dir, 'plain')).code).toBe(0);
    // Every column but the sample (named after the file) is the same.
    const calls = async (run: string) => (await readFile(join(dir, run, 'assignments.tsv'), 'utf8')).split('\n').map((line) => line.split('\t').filter((_, i) => i !== 13));
    expect(await calls('aligned')).toEqual(await calls('plain'));
    expect(await readFile(join(dir, 'aligned', 'experiment_config.yaml'), 'utf8')).toMatch(/^remove_gaps: true$/m);
  });

  it('cuts a reference to the amplified region with --primers: V4 amplicon reads are then named instead of all novel', async () => {
    const dir = await tempDir();
    const store = join(dir, 'store');
    const primers = 'GTGYCAGCMGCCGCGGTAA,GGACTACNVGGGTWTCTAAT';
    // The fixture reads as a V4 amplicon study sees them: only what lies between 515F and 806R.
    const cutter = new PrimerRegionCutter(PrimerPair.parse({ forward: 'GTGYCAGCMGCCGCGGTAA', reverse: 'GGACTACNVGGGTWTCTAAT' }));
    const v4Reads = [];
    for await (const event of readSequences(join(FIXTURES, 'reads.fasta.gz'))) {
      const cut = event.kind === 'record' ? cutter.cut(event.record, 'reads') : undefined;
      if (cut?.kind === 'record') v4Reads.push(`>${cut.record.id}\n${cut.record.sequence}\n`);
    }
    expect(v4Reads.length).toBeGreaterThan(20);
    const reads = join(dir, 'v4.fasta');
    await writeFile(reads, v4Reads.join(''));

    const build = seqatlas('reference', 'build', '-i', join(FIXTURES, 'reference.fasta.gz'), '-n', 'gold5-v4', '-m', 'dna-kmer', '-s', store, '--primers', primers);
    expect(build.code, build.stderr).toBe(0);
    expect(build.stdout).toContain(`  read:     with --primers ${primers}`);
    expect(seqatlas('reference', 'build', '-i', join(FIXTURES, 'reference.fasta.gz'), '-n', 'gold5', '-m', 'dna-kmer', '-s', store).code).toBe(0);
    const again = seqatlas('reference', 'build', '-i', join(FIXTURES, 'reference.fasta.gz'), '-n', 'gold5-v4', '-m', 'dna-kmer', '-s', store);
    expect(again.stderr).toContain(`was built from ${join(FIXTURES, 'reference.fasta.gz')} with --primers ${primers}; run with the same settings`);
    const badPrimers = seqatlas('reference', 'build', '-i', join(FIXTURES, 'reference.fasta.gz'), '-n', 'x', '-m', 'dna-kmer', '-s', store, '--primers', 'GTGYCAGCMGCCGCGGTAA');
    expect(badPrimers.code).toBe(2);
    expect(badPrimers.stderr).toContain('"GTGYCAGCMGCCGCGGTAA" is not FORWARD,REVERSE primers');

    const genus = (stdout: string) => Number(/^ {2}genus +(\d+) assigned/m.exec(stdout)![1]);
    const regional = seqatlas('classify', '-i', reads, '-r', 'gold5-v4', '-s', store, '-o', join(dir, 'regional'));
    const fullLength = seqatlas('classify', '-i', reads, '-r', 'gold5', '-s', store, '-o', join(dir, 'full'), '--strand', 'forward');
    expect(regional.code, regional.stderr).toBe(0);
    expect(fullLength.code, fullLength.stderr).toBe(0);
    // Against full-length references the short reads are all far away; the tool says what to do.
    expect(fullLength.stderr).toContain('build it cut to that region: seqatlas reference build --primers FORWARD,REVERSE');
    expect(regional.stderr).not.toContain('reads are novel');
    // Both strands' embeddings may warn of the same device fallback: printed once.
    const warnings = regional.stderr.split('\n').filter((l) => l.startsWith('warning: '));
    expect(new Set(warnings).size).toBe(warnings.length);
    expect(regional.stdout).toContain('  both strands compared: 0 reads named from their reverse complement');
    expect(fullLength.stdout).not.toContain('both strands compared');
    expect(genus(regional.stdout)).toBeGreaterThan(genus(fullLength.stdout));
    expect(genus(regional.stdout)).toBeGreaterThanOrEqual(v4Reads.length * 0.6);
    // The store says how each dataset was read: the cut reference, and the reads' reverse strand.
    const info = seqatlas('store', 'info', '--store', store).stdout;
    expect(info).toMatch(new RegExp(`dataset ref-gold5-v4-\\w+ .*\\n {4}read with --primers ${primers}\\n`));
    expect(info).toMatch(/dataset query-v4\.fasta-reverse-\w+ .*\n {4}read as the reverse strand \(classify --strand both\)\n/);
  });
});
